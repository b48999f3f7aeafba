package org.calpe.alert.smtp.client;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.calpe.alert.smtp.mail.Alert;
import org.calpe.alert.smtp.mail.MessageFormatter;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.smtp.SmtpRequestEncoder;
import io.netty.handler.codec.smtp.SmtpResponseDecoder;

/** An {@link SmtpSession} in an EmbeddedChannel: the test plays the relay, reply by reply. */
final class ScriptedRelay implements DeliveryListener {
    final EmbeddedChannel channel;
    final CompletableFuture<SessionResult> result = new CompletableFuture<>();
    final List<Alert> delivered = new ArrayList<>();
    final List<String> rejected = new ArrayList<>();
    private final StringBuilder sent = new StringBuilder();

    ScriptedRelay(SmtpSettings settings, List<Alert> batch) {
        channel = new EmbeddedChannel(new SmtpResponseDecoder(8192), new SmtpRequestEncoder(),
                new SmtpSession(settings, null, batch, this, new MessageFormatter(ZoneOffset.UTC), result));
    }

    /** The relay says {@code lines} (CRLF added); returns what the client wrote in answer. */
    String reply(String... lines) {
        StringBuilder sb = new StringBuilder();
        for (String l : lines) {
            sb.append(l).append("\r\n");
        }
        channel.writeInbound(Unpooled.copiedBuffer(sb, StandardCharsets.UTF_8));
        return drain();
    }

    String drain() {
        StringBuilder out = new StringBuilder();
        for (Object o; (o = channel.readOutbound()) != null;) {
            ByteBuf b = (ByteBuf) o;
            out.append(b.toString(StandardCharsets.UTF_8));
            b.release();
        }
        sent.append(out);
        return out.toString();
    }

    /** Everything the client wrote so far. */
    String sent() {
        drain();
        return sent.toString();
    }

    @Override
    public void delivered(Alert alert) {
        delivered.add(alert);
    }

    @Override
    public void rejected(Alert alert, String reply) {
        rejected.add(alert.subject() + ": " + reply);
    }
}
