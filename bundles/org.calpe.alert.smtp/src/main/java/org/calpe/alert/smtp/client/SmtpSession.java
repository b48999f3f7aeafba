package org.calpe.alert.smtp.client;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

import org.calpe.alert.smtp.mail.Alert;
import org.calpe.alert.smtp.mail.MessageFormatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.smtp.DefaultLastSmtpContent;
import io.netty.handler.codec.smtp.DefaultSmtpRequest;
import io.netty.handler.codec.smtp.SmtpCommand;
import io.netty.handler.codec.smtp.SmtpRequest;
import io.netty.handler.codec.smtp.SmtpRequests;
import io.netty.handler.codec.smtp.SmtpResponse;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.ReadTimeoutException;

/**
 * One relay connection delivering a batch of alerts in order (RFC 5321 client, one transaction per alert):
 * greeting, EHLO (HELO when the relay does not know EHLO), STARTTLS (RFC 3207) and a second EHLO when offered and
 * wanted, AUTH PLAIN or LOGIN (RFC 4954 / 4616) when configured and offered, then MAIL / RCPT / DATA per alert and
 * QUIT. The Netty SMTP codec encodes the requests and decodes the (multi-line) replies.
 * <p>
 * An alert counts as delivered only when the relay answers 250 to the end of its DATA; the listener is told
 * before the next transaction starts. A 5xx to MAIL, to every RCPT, to DATA or to the end of DATA rejects that
 * alert for good (RSET where a transaction is open) and the batch goes on; anything else unexpected (4xx,
 * timeout, closed connection, failed TLS) ends the session with an error and leaves the remaining alerts queued.
 * Credentials are sent only over TLS or to a loopback relay.
 */
final class SmtpSession extends SimpleChannelInboundHandler<SmtpResponse> {
    private static final Logger LOG = LoggerFactory.getLogger(SmtpSession.class);

    private enum Step {
        GREETING, EHLO, HELO, STARTTLS, AUTH_PLAIN, AUTH_LOGIN, AUTH_LOGIN_USER, AUTH_LOGIN_PASSWORD, MAIL, RCPT,
        DATA, CONTENT, RSET, QUIT
    }

    private final SmtpSettings settings;
    private final SslContext tls;
    private final List<Alert> batch;
    private final DeliveryListener listener;
    private final MessageFormatter formatter;
    private final CompletableFuture<SessionResult> result;

    private Step step = Step.GREETING;
    private boolean secure;
    private boolean startTlsRefused;
    private boolean authenticated;
    private final List<String> authMechanisms = new ArrayList<>();
    private boolean offersStartTls;
    private int index;
    private int rcptIndex;
    private int rcptAccepted;
    private int delivered;
    private int rejected;

    SmtpSession(SmtpSettings settings, SslContext tls, List<Alert> batch, DeliveryListener listener,
            MessageFormatter formatter, CompletableFuture<SessionResult> result) {
        this.settings = settings;
        this.tls = tls;
        this.batch = List.copyOf(batch);
        this.listener = listener;
        this.formatter = formatter;
        this.result = result;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, SmtpResponse r) {
        int code = r.code();
        switch (step) {
            case GREETING -> {
                if (code != 220) {
                    fail(ctx, "Error connecting SMTP server " + settings.display() + ". SMTP status code = " + code);
                    return;
                }
                send(ctx, SmtpRequests.ehlo(settings.heloName()), Step.EHLO);
            }
            case EHLO -> {
                if (code == 250) {
                    capabilities(r);
                    afterHello(ctx);
                } else if (code >= 500 && !secure) {
                    send(ctx, SmtpRequests.helo(settings.heloName()), Step.HELO);
                } else {
                    fail(ctx, reply("EHLO", code));
                }
            }
            case HELO -> {
                if (code != 250) {
                    fail(ctx, reply("HELO", code));
                    return;
                }
                authMechanisms.clear();
                offersStartTls = false;
                afterHello(ctx);
            }
            case STARTTLS -> {
                if (code == 220) {
                    startTls(ctx);
                } else if (settings.startTls() == StartTls.REQUIRED) {
                    fail(ctx, reply("STARTTLS", code));
                } else {
                    LOG.info("SMTP server {} refused STARTTLS ({}); going on without TLS", settings.display(), code);
                    startTlsRefused = true;
                    afterHello(ctx);
                }
            }
            case AUTH_PLAIN, AUTH_LOGIN_PASSWORD -> {
                if (code != 235) {
                    fail(ctx, reply("AUTH", code));
                    return;
                }
                authenticated = true;
                nextMessage(ctx);
            }
            case AUTH_LOGIN -> {
                if (code != 334) {
                    fail(ctx, reply("AUTH", code));
                    return;
                }
                send(ctx, SmtpRequests.empty(base64(settings.authUser())), Step.AUTH_LOGIN_USER);
            }
            case AUTH_LOGIN_USER -> {
                if (code != 334) {
                    fail(ctx, reply("AUTH", code));
                    return;
                }
                send(ctx, SmtpRequests.empty(base64(settings.authPassword())), Step.AUTH_LOGIN_PASSWORD);
            }
            case MAIL -> {
                if (code == 250) {
                    rcptIndex = 0;
                    rcptAccepted = 0;
                    send(ctx, SmtpRequests.rcpt(current().to().get(0)), Step.RCPT);
                } else {
                    transactionRefused(ctx, "MAIL", code, r, true);
                }
            }
            case RCPT -> rcpt(ctx, code, r);
            case DATA -> {
                if (code == 354) {
                    step = Step.CONTENT;
                    ctx.writeAndFlush(new DefaultLastSmtpContent(Unpooled.wrappedBuffer(formatter.content(current()))))
                            .addListener(f -> {
                                if (!f.isSuccess()) {
                                    fail(ctx, "Cannot send data to remote SMTP server " + settings.display() + ".");
                                }
                            });
                } else {
                    transactionRefused(ctx, "DATA", code, r, true);
                }
            }
            case CONTENT -> {
                if (code == 250) {
                    delivered++;
                    listener.delivered(current());
                    index++;
                    nextMessage(ctx);
                } else {
                    transactionRefused(ctx, "BODY", code, r, false);
                }
            }
            case RSET -> {
                if (code != 250) {
                    fail(ctx, reply("RSET", code));
                    return;
                }
                index++;
                nextMessage(ctx);
            }
            case QUIT -> finish(ctx, null);
            default -> fail(ctx, "unexpected reply " + code);
        }
    }

    private void rcpt(ChannelHandlerContext ctx, int code, SmtpResponse r) {
        Alert a = current();
        if (code == 250 || code == 251) {
            rcptAccepted++;
        } else if (code >= 500) {
            LOG.warn("SMTP server {} refused recipient {} ({})", settings.display(), a.to().get(rcptIndex),
                    text(r));
        } else {
            fail(ctx, reply("RCPT", code));
            return;
        }
        rcptIndex++;
        if (rcptIndex < a.to().size()) {
            send(ctx, SmtpRequests.rcpt(a.to().get(rcptIndex)), Step.RCPT);
        } else if (rcptAccepted == 0) {
            transactionRefused(ctx, "RCPT", code, r, true);
        } else {
            send(ctx, SmtpRequests.data(), Step.DATA);
        }
    }

    /** A 5xx drops the current alert (RSET if a transaction is open) and goes on; anything else ends the session. */
    private void transactionRefused(ChannelHandlerContext ctx, String cmd, int code, SmtpResponse r, boolean open) {
        if (code < 500) {
            fail(ctx, reply(cmd, code));
            return;
        }
        rejected++;
        listener.rejected(current(), code + " " + text(r));
        if (open) {
            send(ctx, SmtpRequests.rset(), Step.RSET);
        } else {
            index++;
            nextMessage(ctx);
        }
    }

    private void capabilities(SmtpResponse r) {
        authMechanisms.clear();
        offersStartTls = false;
        List<CharSequence> lines = r.details();
        for (int i = 1; i < lines.size(); i++) { // the first line is the relay's name
            String line = lines.get(i).toString().trim().toUpperCase(Locale.ROOT);
            if (line.equals("STARTTLS")) {
                offersStartTls = true;
            } else if (line.startsWith("AUTH ") || line.startsWith("AUTH=")) {
                for (String m : line.substring(5).trim().split("\\s+")) {
                    authMechanisms.add(m);
                }
            }
        }
    }

    private void afterHello(ChannelHandlerContext ctx) {
        if (!secure && !startTlsRefused && settings.startTls() != StartTls.OFF) {
            if (offersStartTls) {
                send(ctx, new DefaultSmtpRequest(SmtpCommand.valueOf("STARTTLS")), Step.STARTTLS);
                return;
            }
            if (settings.startTls() == StartTls.REQUIRED) {
                fail(ctx, "SMTP server " + settings.display() + " does not offer STARTTLS (smtp_starttls required)");
                return;
            }
        }
        if (settings.authUser() != null && !authenticated) {
            if (authMechanisms.isEmpty()) {
                LOG.debug("SMTP server {} offers no AUTH; sending without authentication", settings.display());
            } else if (!secure && !loopback(ctx)) {
                fail(ctx, "not sending SMTP credentials to " + settings.display() + " without TLS");
                return;
            } else if (authMechanisms.contains("PLAIN")) {
                String token = base64("\0" + settings.authUser() + "\0" + settings.authPassword());
                send(ctx, new DefaultSmtpRequest(SmtpCommand.valueOf("AUTH"), "PLAIN", token), Step.AUTH_PLAIN);
                return;
            } else if (authMechanisms.contains("LOGIN")) {
                send(ctx, new DefaultSmtpRequest(SmtpCommand.valueOf("AUTH"), "LOGIN"), Step.AUTH_LOGIN);
                return;
            } else {
                fail(ctx, "SMTP server " + settings.display() + " offers neither AUTH PLAIN nor LOGIN: "
                        + authMechanisms);
                return;
            }
        }
        nextMessage(ctx);
    }

    private void startTls(ChannelHandlerContext ctx) {
        if (tls == null) {
            fail(ctx, "no TLS context");
            return;
        }
        SslHandler handler = tls.newHandler(ctx.alloc(), settings.host(), settings.port());
        ctx.pipeline().addFirst("tls", handler);
        handler.handshakeFuture().addListener(f -> {
            if (f.isSuccess()) {
                secure = true;
                send(ctx, SmtpRequests.ehlo(settings.heloName()), Step.EHLO);
            } else {
                fail(ctx, "TLS handshake with " + settings.display() + " failed: " + f.cause().getMessage());
            }
        });
    }

    private void nextMessage(ChannelHandlerContext ctx) {
        if (index < batch.size()) {
            send(ctx, SmtpRequests.mail(current().from()), Step.MAIL);
        } else {
            send(ctx, SmtpRequests.quit(), Step.QUIT);
        }
    }

    private Alert current() {
        return batch.get(index);
    }

    private void send(ChannelHandlerContext ctx, SmtpRequest request, Step next) {
        step = next;
        ctx.writeAndFlush(request).addListener(f -> {
            if (!f.isSuccess()) {
                fail(ctx, "Cannot send data to remote SMTP server " + settings.display() + ".");
            }
        });
    }

    private boolean loopback(ChannelHandlerContext ctx) {
        return ctx.channel().remoteAddress() instanceof InetSocketAddress a && a.getAddress() != null
                && a.getAddress().isLoopbackAddress();
    }

    private String reply(String cmd, int code) {
        return "Error processing " + cmd + " cmd on SMTP server " + settings.display() + ". SMTP status code = "
                + code;
    }

    private static String text(SmtpResponse r) {
        return String.join(" ", r.details());
    }

    private static String base64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private void fail(ChannelHandlerContext ctx, String why) {
        finish(ctx, why);
    }

    private void finish(ChannelHandlerContext ctx, String error) {
        if (result.complete(new SessionResult(delivered, rejected, error))) {
            ctx.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (step == Step.QUIT) {
            finish(ctx, null); // the relay closed after our QUIT without a 221: every alert was already accepted
        } else {
            finish(ctx, "Remote SMTP server " + settings.display() + " has closed the connection.");
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof ReadTimeoutException) {
            finish(ctx, "Timeout reading data to remote SMTP server " + settings.display() + ".");
        } else {
            finish(ctx, "Error reading data from remote SMTP server " + settings.display() + ": " + cause);
        }
    }
}
