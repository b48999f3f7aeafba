/**
 * The keepalived.conf grammar as data. How to add keywords:
 * <ul>
 * <li>Describe each block kind with {@link org.calpe.config.keepalived.schema.BlockSpec#builder(String)}:
 * its block arguments ({@code .args(ValueType)}), its keywords ({@code .keyword(name, ValueType[, default])}),
 * nested blocks ({@code .block(spec)}), old spellings ({@code .alias(...)}), list entries
 * ({@code .items(ItemType)}) and checks run when the block closes ({@code .validator(BlockValidator)}).</li>
 * <li>Register the top-level blocks and the cross-object checks of an area on the root in
 * {@link org.calpe.config.keepalived.schema.KeepalivedSchema#root()} (one {@code XxxSchema.register(root)} line
 * per area; a validator on the root sees the whole configuration when parsing ends).</li>
 * <li>Value types ({@link org.calpe.config.keepalived.schema.ValueType}) parse the words after a keyword into
 * a typed value and render it back canonically; {@link org.calpe.config.keepalived.schema.Values} has the
 * common ones with keepalived's messages. Return {@code ValueType.INVALID} after reporting, to drop a line as
 * keepalived does. Values must be String, Integer, Long, Double, Boolean, {@code List<String>} or a record
 * (records must render back to words that parse to an equal record).</li>
 * <li>Report with the {@link org.calpe.config.keepalived.schema.ParseContext}: {@code error}/{@code warning}
 * (keepalived -t exit 5), {@code security} (exit 6), {@code fatal} (exit 4), {@code info} (no effect on the
 * verdict). Use keepalived's wording. Cross-check state (e.g. declared script names) lives in
 * {@code ParseContext.state(Key.class, Key::new)}.</li>
 * <li>Every keyword that names a script (notify*, vrrp_script's script, MISC_CHECK's misc_path, notify_up/down,
 * …) registers it with {@code ctx.state(Scripts.class, Scripts::new).add(new Scripts.Script(...))}: script
 * security ({@code ScriptSecurity}, a root validator) checks them all when parsing ends and decides exit 6.</li>
 * <li>Statements are split at braces as keepalived does: words after a keyword on the same line are its
 * arguments, even when they look like another keyword.</li>
 * </ul>
 */
package org.calpe.config.keepalived.schema;
