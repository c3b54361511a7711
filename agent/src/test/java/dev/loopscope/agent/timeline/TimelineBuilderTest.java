package dev.loopscope.agent.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loopscope.agent.config.Globs;
import dev.loopscope.agent.recorder.EventLayout;
import dev.loopscope.agent.recorder.Failure;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Matching submissions to runs from raw events, without any JVM instrumentation. */
class TimelineBuilderTest {

    private static final int POOL = EventLayout.FIRST_EXECUTOR_ID;

    private static TimelineBuilder builder() {
        TimelineBuilder b = new TimelineBuilder(1_000, TaskFilter.ALL);
        b.thread(1, 1, "main", false);
        b.thread(2, 20, "pool-1-thread-1", false);
        b.thread(3, 21, "pool-1-thread-2", false);
        b.executor(POOL, "java.util.concurrent.ThreadPoolExecutor", 0xabc, null);
        return b;
    }

    @Test
    void runsAreTiedToSubmissionsByHashInTimeOrder() {
        TimelineBuilder b = builder();
        // The same object (hash 7) submitted twice: runs take the submissions first come, first served.
        b.submit(101, 1, 7, 1_100, 0, POOL, "Task", 0, false);
        b.submit(102, 1, 7, 1_200, 0, POOL, "Task", 0, false);
        b.submit(103, 1, 9, 1_300, 0, POOL, "Other", 0, false);
        b.run(201, 2, 7, false, 1_150, 1_400, null);
        b.run(202, 3, 9, false, 1_350, 1_500, new Failure("java.lang.IllegalStateException", "boom"));
        b.run(203, 2, 7, false, 1_450, 1_600, null);
        // A child submitted during run 203 names it as its parent.
        b.submit(104, 2, 11, 1_500, 203, POOL, "Child", 0, false);
        Timeline t = b.build("17", 0, 2_000, false, "test");

        assertThat(t.size()).isEqualTo(4);
        assertThat(t.startNanos(0)).isEqualTo(150);
        assertThat(t.queueWaitNanos(0)).isEqualTo(50);
        assertThat(t.startNanos(1)).isEqualTo(450);
        assertThat(t.failure(2).message()).isEqualTo("boom");
        assertThat(t.thread(2)).isNotEqualTo(t.thread(0));
        assertThat(t.parent(3)).isEqualTo(1);
        assertThat(t.hasStarted(3)).isFalse();
        assertThat(t.executors()).extracting(e -> e.name).containsExactly("pool-1");
        assertThat(t.meta().durationNanos).isEqualTo(1_000);
    }

    /** Work in flight at the end: a run not ended, a submission not run; the rest is not counted. */
    private static TimelineBuilder inFlight() {
        TimelineBuilder b = builder();
        b.submit(101, 1, 1, 1_100, 0, POOL, "Running", 0, false);
        b.run(201, 2, 1, false, 1_200, 0, null);
        b.submit(102, 1, 2, 1_100, 0, POOL, "Queued", 0, false);
        b.submit(103, 1, 3, 1_100, 0, POOL, "Rejected", 0, true);
        b.submit(104, 1, 4, 1_100, 0, POOL, "Timer", 1_900, false);
        b.submit(105, 1, 5, 1_100, 0, EventLayout.THREAD_EXECUTOR_ID, "java.lang.Thread", 0, false);
        b.run(205, 3, 5, true, 1_150, 0, null); // a thread still alive
        b.submit(106, 1, 6, 1_100, 0, POOL, "Done", 0, false);
        b.run(206, 3, 6, false, 1_300, 1_400, null);
        return b;
    }

    @Test
    void workInFlightAtTheEndIsCountedAndMarksTheTimelinePartialWhenAsked() {
        Timeline atExit = inFlight().partialWhenUnfinished().build("17", 0, 2_000, false, "agent");
        assertThat(atExit.meta().unfinished.running).isEqualTo(1);
        assertThat(atExit.meta().unfinished.queued).as("not the rejected task, nor the timer").isEqualTo(1);
        assertThat(atExit.meta().partial).isTrue();

        Timeline ofATest = inFlight().build("17", 0, 2_000, false, "test");
        assertThat(ofATest.meta().unfinished.running).isEqualTo(1);
        assertThat(ofATest.meta().partial).as("only where asked").isFalse();

        TimelineBuilder finished = builder();
        finished.submit(101, 1, 1, 1_100, 0, POOL, "Done", 0, false);
        finished.run(201, 2, 1, false, 1_200, 1_300, null);
        Timeline clean = finished.partialWhenUnfinished().build("17", 0, 2_000, false, "agent");
        assertThat(clean.meta().unfinished).isSameAs(Unfinished.NONE);
        assertThat(clean.meta().partial).isFalse();
    }

    @Test
    void withDroppedEventsQueuedIsUnknownAndRunningStillCounts() {
        TimelineBuilder b = inFlight();
        b.dropped(10);
        Timeline t = b.partialWhenUnfinished().build("17", 0, 2_000, false, "agent");
        assertThat(t.meta().unfinished.queued).isEqualTo(-1);
        assertThat(t.meta().unfinished.running).isEqualTo(1);
        assertThat(t.meta().partial).isTrue();
    }

    @Test
    void aRunBeforeItsSubmissionDoesNotMatchIt() {
        TimelineBuilder b = builder();
        b.run(201, 2, 5, false, 1_100, 1_200, null);
        b.submit(101, 1, 5, 1_300, 0, POOL, "Task", 0, false);
        Timeline t = b.build("17", 0, 0, false, "test");
        assertThat(t.size()).isEqualTo(2);
        assertThat(t.executors()).extracting(e -> e.name)
                .containsExactlyInAnyOrder(ExecutorNames.DIRECT, "ThreadPoolExecutor@abc");
    }

    @Test
    void aVirtualThreadKeepsEveryMountAsARun() {
        TimelineBuilder b = builder();
        b.submit(101, 1, 42, 1_100, 0, EventLayout.VIRTUAL_EXECUTOR_ID, "java.lang.VirtualThread", 0, false);
        b.run(201, 2, 42, true, 1_200, 1_300, null);
        b.run(202, 3, 42, true, 1_400, 1_450, null);
        b.run(203, 2, 42, true, 1_600, 0, null);
        Timeline t = b.build("25", 0, 2_000, false, "test");
        assertThat(t.size()).isEqualTo(1);
        assertThat(t.isVirtual(0)).isTrue();
        assertThat(t.startNanos(0)).isEqualTo(200);
        assertThat(t.hasEnded(0)).as("still mounted at the end").isFalse();
        Timeline.Segments s = t.segments();
        assertThat(s.count).isEqualTo(3);
        assertThat(List.of(s.start(0), s.start(1), s.start(2))).containsExactly(200L, 400L, 600L);
        assertThat(ExecutorStats.of(t).get(0).running).isEqualTo(1);
    }

    @Test
    void aRunNestedInAnotherOnTheSameThreadIsNotBusyTimeTwice() {
        TimelineBuilder b = builder();
        b.submit(101, 1, 1, 1_000, 0, POOL, "Outer", 0, false);
        b.submit(102, 1, 2, 1_000, 0, POOL, "Inner", 0, false);
        b.submit(103, 1, 3, 1_000, 0, POOL, "Later", 0, false);
        // Thread 2 runs the outer task 0..400 and, while it joins, the inner one 100..300 inside
        // it; then, after a pause, another task 600..700. Busy: 500 of 700.
        b.run(201, 2, 1, false, 1_000, 1_400, null);
        b.run(202, 2, 2, false, 1_100, 1_300, null);
        b.run(203, 2, 3, false, 1_600, 1_700, null);
        ExecutorStats pool = ExecutorStats.of(b.build("17", 0, 1_700, false, "test")).get(0);
        assertThat(pool.utilization).isCloseTo(500.0 / 700.0, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(pool.maxConcurrency).as("two tasks in progress at once").isEqualTo(2);
        assertThat(pool.threads).isEqualTo(1);
    }

    @Test
    void executorNamesComeFromThreadStems() {
        assertThat(ExecutorNames.threadPrefix("pool-3-thread-7")).isEqualTo("pool-3");
        assertThat(ExecutorNames.threadPrefix("ForkJoinPool.commonPool-worker-1")).isEqualTo("ForkJoinPool.commonPool");
        assertThat(ExecutorNames.threadPrefix("ForkJoinPool-2-worker-3")).isEqualTo("ForkJoinPool-2");
        assertThat(ExecutorNames.threadPrefix("nioEventLoopGroup-2-1")).isEqualTo("nioEventLoopGroup");
        assertThat(ExecutorNames.threadPrefix("main")).isEqualTo("main");
        assertThat(ExecutorNames.threadPrefix("42")).isEqualTo("42");
    }

    @Test
    void taskNames() {
        assertThat(TaskNames.display("java.util.concurrent.CompletableFuture$AsyncSupply", false))
                .isEqualTo("CompletableFuture.supplyAsync");
        assertThat(TaskNames.display("com.acme.Job$$Lambda$14/0x0000000800c03000", false)).isEqualTo("com.acme.Job$$Lambda");
        assertThat(TaskNames.display("com.acme.Job$$Lambda/0x0000000800c03000", false)).isEqualTo("com.acme.Job$$Lambda");
        assertThat(TaskNames.display("java.util.concurrent.FutureTask", false)).isEqualTo("FutureTask");
    }

    @Test
    void globs() {
        assertThat(Globs.compile("pool-*").matcher("pool-1").matches()).isTrue();
        assertThat(Globs.compile("a.b?").matcher("a.bc").matches()).isTrue();
        assertThat(Globs.compile("a.b?").matcher("axbc").matches()).as("dot is literal").isFalse();
        assertThat(Globs.compile("[x]").matcher("[x]").matches()).isTrue();
    }
}
