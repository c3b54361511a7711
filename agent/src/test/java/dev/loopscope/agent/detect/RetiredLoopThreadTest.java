package dev.loopscope.agent.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loopscope.agent.config.AgentOptions;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A thread stops being a loop (renamed, or the harness's loop marks changed) right after a
 * stalled task: the stall still gets its end, from the watchdog's next look, and the thread's
 * old loop state is no longer watched after it.
 */
class RetiredLoopThreadTest {

    private static final long THRESHOLD = 50_000_000L;

    @Test
    void aStallWhoseThreadStopsBeingALoopBeforeTheWatchdogLooksAgainStillEnds() throws Exception {
        Detector detector = new Detector(new LoopThreads(List.of(), false, false), new AllowList(List.of()),
                AgentOptions.BlockingPolicy.OFF, THRESHOLD);
        Watchdog watchdog = new Watchdog(detector, 10_000_000L, THRESHOLD, line -> { });
        Thread self = Thread.currentThread();

        LoopThread loop = detector.classify(self, "vert.x-eventloop-thread-0", null, null);
        assertThat(loop).isNotNull();
        loop.taskStarted(1L, System.nanoTime());
        Thread.sleep(THRESHOLD / 1_000_000 + 30);
        watchdog.checkAll(); // claims the stall, which is still going on
        assertThat(detector.findings().stalls()).singleElement().satisfies(s -> assertThat(s.endNanos()).isEqualTo(-1L));

        long end = System.nanoTime();
        detector.taskEnded(loop, end);
        // the next task starts under a name that is not a loop's, before the watchdog looks again
        assertThat(detector.classify(self, "worker-0", null, loop)).isNull();
        watchdog.checkAll();

        assertThat(detector.findings().stalls()).singleElement().satisfies(s -> assertThat(s.endNanos()).isEqualTo(end));
        assertThat(detector.watched()).isEmpty();
    }

    @Test
    void aStallStillRunningWhenItsThreadStopsBeingALoopEndsThere() throws Exception {
        Detector detector = new Detector(new LoopThreads(List.of(), false, false), new AllowList(List.of()),
                AgentOptions.BlockingPolicy.OFF, THRESHOLD);
        Watchdog watchdog = new Watchdog(detector, 10_000_000L, THRESHOLD, line -> { });
        Thread self = Thread.currentThread();

        LoopThread loop = detector.classify(self, "nioEventLoopGroup-2-1", null, null);
        loop.taskStarted(1L, System.nanoTime());
        Thread.sleep(THRESHOLD / 1_000_000 + 30);
        watchdog.checkAll();
        // the task renames its thread and runs a nested task under the new name: the stall ends there
        long before = System.nanoTime();
        assertThat(detector.classify(self, "renamed", null, loop)).isNull();
        long after = System.nanoTime();
        watchdog.checkAll();

        assertThat(detector.findings().stalls()).singleElement()
                .satisfies(s -> assertThat(s.endNanos()).isBetween(before, after));
        assertThat(detector.watched()).isEmpty();
    }
}
