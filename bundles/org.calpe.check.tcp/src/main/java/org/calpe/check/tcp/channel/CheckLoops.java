package org.calpe.check.tcp.channel;

import java.util.concurrent.Executor;

import io.netty.channel.IoEventLoop;
import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SingleThreadIoEventLoop;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.RejectedExecutionHandlers;

/**
 * The NIO event loops a checker type runs its checks on.
 * <p>
 * Each loop runs queued tasks (new checks handed over by the engine) for at most {@value #TASK_QUANTUM_MILLIS} ms
 * before it looks at its sockets again. Netty's default runs every queued task first (up to a second): the engine
 * hands over the checks due in the same millisecond together, so hundreds of connects went out before the first
 * established one was served, every check of the bunch ended in the same later pass, and the next round fell
 * due as one bunch again — bunches that grew until each check waited tens of milliseconds in the loop.
 * <p>
 * The threads start at once, from the caller (the component's activation): started lazily by the first check,
 * they would be created by the check engine's thread and inherit its scheduling class ({@code checker_priority}).
 */
public final class CheckLoops {
    /** Longest run of queued tasks between two I/O passes (checked by Netty every 64 tasks). */
    public static final long TASK_QUANTUM_MILLIS = 1;

    private CheckLoops() {
    }

    /** {@code threads} loops (at least one) whose threads are named after {@code name} and already running. */
    public static IoEventLoopGroup start(String name, int threads) {
        IoEventLoopGroup group = new MultiThreadIoEventLoopGroup(Math.max(1, threads), new DefaultThreadFactory(name),
                NioIoHandler.newFactory()) {
            @Override
            protected IoEventLoop newChild(Executor executor, IoHandlerFactory ioHandlerFactory, Object... args) {
                return new SingleThreadIoEventLoop(this, executor, ioHandlerFactory, Integer.MAX_VALUE,
                        RejectedExecutionHandlers.reject(), TASK_QUANTUM_MILLIS);
            }
        };
        for (EventExecutor loop : group) {
            loop.execute(() -> { });
        }
        return group;
    }
}
