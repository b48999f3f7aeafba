package org.calpe.genhash;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/** Sits before the SslHandler and tells the {@link GenhashHandler} when encrypted bytes arrive. */
final class RawActivityHandler extends ChannelInboundHandlerAdapter {
    private final GenhashHandler handler;

    RawActivityHandler(GenhashHandler handler) {
        this.handler = handler;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ChannelHandlerContext target = ctx.pipeline().context(handler);
        if (target != null) {
            handler.rawBytesArrived(target);
        }
        ctx.fireChannelRead(msg);
    }
}
