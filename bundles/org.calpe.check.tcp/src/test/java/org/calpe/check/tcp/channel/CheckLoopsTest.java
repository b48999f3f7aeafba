package org.calpe.check.tcp.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.channels.SelectableChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.netty.channel.IoEvent;
import io.netty.channel.IoEventLoop;
import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.IoRegistration;
import io.netty.channel.nio.NioIoHandle;
import io.netty.channel.nio.NioIoOps;

class CheckLoopsTest {

    @Test
    void aSocketThatIsReadyIsServedBetweenQueuedTasks() throws Exception {
        IoEventLoopGroup group = CheckLoops.start("calpe-test-check", 1);
        Pipe pipe = Pipe.open();
        try {
            IoEventLoop loop = group.next();
            int queued = 2000; // 2,000 tasks of 50 us: 100 ms of queued work
            AtomicInteger ran = new AtomicInteger();
            CompletableFuture<Integer> servedAfter = new CompletableFuture<>();
            pipe.source().configureBlocking(false);
            NioIoHandle handle = new NioIoHandle() {
                @Override
                public SelectableChannel selectableChannel() {
                    return pipe.source();
                }

                @Override
                public void handle(IoRegistration registration, IoEvent ioEvent) {
                    servedAfter.complete(ran.get());
                    registration.cancel();
                }

                @Override
                public void close() {
                }
            };
            IoRegistration reg = loop.register(handle).get(5, TimeUnit.SECONDS);
            loop.submit(() -> {
                reg.submit(NioIoOps.READ);
                try {
                    pipe.sink().write(ByteBuffer.wrap(new byte[] {1})); // readable from now on
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
                for (int i = 0; i < queued; i++) {
                    loop.execute(() -> {
                        long end = System.nanoTime() + 50_000;
                        while (System.nanoTime() < end) {
                            Thread.onSpinWait();
                        }
                        ran.incrementAndGet();
                    });
                }
            }).get(5, TimeUnit.SECONDS);
            int after = servedAfter.get(30, TimeUnit.SECONDS);
            assertTrue(after < queued / 2, "served after " + after + " of " + queued + " queued tasks");
            loop.submit(() -> { }).get(30, TimeUnit.SECONDS);
            assertEquals(queued, ran.get());
        } finally {
            pipe.sink().close();
            pipe.source().close();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Test
    void theLoopsRunOnThreadsNamedForTheChecker() throws Exception {
        IoEventLoopGroup group = CheckLoops.start("calpe-test-check", 2);
        try {
            String name = group.next().submit(() -> Thread.currentThread().getName()).get(5, TimeUnit.SECONDS);
            assertTrue(name.startsWith("calpe-test-check"), name);
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
