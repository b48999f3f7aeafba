/**
 * How a check's socket is made: plain NIO, or a JDK channel given {@code bind_if} / {@code fwmark} first. Private
 * to org.calpe.check.tcp; the HTTP checkers copy it in with bnd's {@code -conditionalpackage}.
 */
package org.calpe.check.tcp.channel;
