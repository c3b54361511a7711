package dev.loopscope.agent.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Netty's selector wait is its loop's idle wait, not a blocking call of the application's. */
class NettyIdleWaitsTest {

    private final AllowList allow = new AllowList(List.of());

    @Test
    void theSelectorLockContendedInNettysSelectIsAllowed() {
        StackTraceElement[] stack = { // as seen on JDK 25 while the test thread closed a channel
                frame("sun.nio.ch.SelectorImpl", "lockAndDoSelect"),
                frame("sun.nio.ch.SelectorImpl", "select"),
                frame("io.netty.channel.nio.NioIoHandler", "select"),
                frame("io.netty.channel.nio.NioIoHandler", "run"),
        };
        assertThat(allow.allowing(BlockingApis.MONITOR, stack)).extracting(e -> e.text)
                .isEqualTo("io.netty.channel.nio.NioIoHandler.select");
    }

    @Test
    void aLoopHandingATaskToNettysGlobalExecutorIsAllowedToWaitForItsQueueLock() {
        StackTraceElement[] stack = { // as seen on JDK 17 under load, a loop notifying its group's termination
                frame("java.util.concurrent.locks.LockSupport", "park"),
                frame("java.util.concurrent.locks.ReentrantLock", "lock"),
                frame("java.util.concurrent.LinkedBlockingQueue", "offer"),
                frame("java.util.AbstractQueue", "add"),
                frame("io.netty.util.concurrent.GlobalEventExecutor", "addTask"),
                frame("io.netty.util.concurrent.GlobalEventExecutor", "execute"),
                frame("io.netty.util.concurrent.DefaultPromise", "notifyListeners"),
        };
        assertThat(allow.allowing(BlockingApis.register("LockSupport.park", "park", false), stack)).extracting(e -> e.text)
                .isEqualTo("io.netty.util.concurrent.GlobalEventExecutor.addTask");
    }

    @Test
    void aHandlerBlockingOnTheSameLoopIsStillAFinding() {
        StackTraceElement[] stack = {
                frame("sun.nio.ch.NioSocketImpl", "read"),
                frame("com.acme.Handler", "channelRead"),
                frame("io.netty.channel.nio.NioIoHandler", "processSelectedKeys"),
                frame("io.netty.channel.nio.NioIoHandler", "run"),
        };
        assertThat(allow.allowing(BlockingApis.MONITOR, stack)).isNull();
    }

    private static StackTraceElement frame(String cls, String method) {
        return new StackTraceElement(cls, method, null, -1);
    }
}
