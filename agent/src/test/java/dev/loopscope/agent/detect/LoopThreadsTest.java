package dev.loopscope.agent.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Loop threads by name: the names the event-loop libraries really give their threads. */
class LoopThreadsTest {

    private final LoopThreads loops = new LoopThreads(List.of("my-loop-*"), false, true);
    private final Thread plain = new Thread(() -> { });

    @Test
    void nettyVertxReactorAndHarnessThreadNamesAreLoops() {
        for (String name : List.of("nioEventLoopGroup-2-1", "epollEventLoopGroup-5-3",
                "multiThreadIoEventLoopGroup-3-1", // Netty 4.2: MultiThreadIoEventLoopGroup
                "vert.x-eventloop-thread-0", "parallel-1", "reactor-http-nio-2", "loopscope-test-loop-7", "my-loop-1")) {
            assertThat(loops.classify(plain, name, null)).as(name).isEqualTo(LoopThreads.Kind.LOOP);
        }
    }

    @Test
    void otherNamesAreNot() {
        for (String name : List.of("pool-1-thread-1", "main", "vert.x-worker-thread-0", "HttpClient-1-Worker-0")) {
            assertThat(loops.classify(plain, name, null)).as(name).isEqualTo(LoopThreads.Kind.NONE);
        }
    }
}
