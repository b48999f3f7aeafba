/**
 * keepalived.conf lexer and preprocessor: turns a main file and its includes into the logical lines keepalived's
 * parser sees. Implementation package, not exported.
 */
package org.calpe.config.keepalived.lexer;
