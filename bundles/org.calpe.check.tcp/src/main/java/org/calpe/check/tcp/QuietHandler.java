package org.calpe.check.tcp;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * The only handler of a check connection: nothing is read or written, and an error after the connect (a reset
 * racing the close) just closes the channel instead of being logged by Netty's pipeline tail. Stateless.
 */
@Sharable
final class QuietHandler extends ChannelInboundHandlerAdapter {
    static final QuietHandler INSTANCE = new QuietHandler();

    private QuietHandler() {
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
