package dev.loopscope.agent.recorder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loopscope.agent.timeline.RawEvents;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;

/** A snapshot since a mark leaves out what came before it, and the threads that had exited, without reading them. */
class RecordingMarkTest {

    private final Recorder recorder = new Recorder(1 << 20);
    private final Executor executor = Runnable::run;
    private final Executor usedBeforeOnly = Runnable::run;

    @org.junit.jupiter.api.Test
    void replaysOnlyWhatCameAfterTheMark() throws Exception {
        CountDownLatch marked = new CountDownLatch(1);
        CountDownLatch submittedAfter = new CountDownLatch(1);
        inThread("exited-before", () -> {
            submit();
            recorder.submitted(usedBeforeOnly, (Runnable) () -> { });
            recorder.threadExiting(Thread.currentThread());
        }).join();
        Thread live = inThread("live-across", () -> {
            submit();
            await(marked);
            submit();
            submittedAfter.countDown();
        });
        Thread.sleep(50);

        RecordingMark mark = recorder.mark();
        marked.countDown();
        submittedAfter.await();
        inThread("started-after", this::submit).join();
        live.join();

        java.util.Set<Integer> executorsSince = new java.util.HashSet<>();
        assertThat(submitsByThread(recorder.snapshotSince(mark), executorsSince))
                .containsExactly(Map.entry("live-across", 1), Map.entry("started-after", 1));
        assertThat(executorsSince).as("only the executors named after the mark")
                .containsExactly(System.identityHashCode(executor));
        java.util.Set<Integer> executorsAll = new java.util.HashSet<>();
        assertThat(submitsByThread(recorder.snapshot(), executorsAll))
                .containsExactly(Map.entry("exited-before", 2), Map.entry("live-across", 2), Map.entry("started-after", 1));
        assertThat(executorsAll).containsExactlyInAnyOrder(System.identityHashCode(executor),
                System.identityHashCode(usedBeforeOnly));
        assertThat(mark.positions).as("only the live thread is read").hasSize(1);
    }

    /**
     * Under the harness, logs of threads that ended before every mark in use are freed: a 1 MiB
     * buffer holds ~200 thread logs, and its ring of closed logs 3,072; 5,000 threads come and go,
     * and each "test" still sees its own.
     */
    @org.junit.jupiter.api.Test
    void freesTheLogsOfEndedThreadsSoThatEachMarkSeesItsOwnWorkForever() throws Exception {
        Recorder small = new Recorder(1 << 20);
        for (int i = 0; i < 5_000; i++) {
            RecordingMark mark = small.mark();
            String name = "test-thread-" + i;
            inThread(name, () -> {
                small.submitted(executor, (Runnable) () -> { });
                small.threadExiting(Thread.currentThread());
            }).join();
            assertThat(submitsByThread(small.snapshotSince(mark), new java.util.HashSet<>()))
                    .as("what test %d sees", i).containsExactly(Map.entry(name, 1));
            small.release(mark);
        }
        assertThat(small.evictedLogs()).isGreaterThan(4_500);
        assertThat(small.recordingFull()).isFalse();
    }

    private void submit() {
        recorder.submitted(executor, (Runnable) () -> { });
    }

    private static Thread inThread(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.start();
        return t;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Integer> submitsByThread(Snapshot snapshot, java.util.Set<Integer> executorHashes) {
        Map<Integer, String> names = new TreeMap<>();
        Map<String, Integer> counts = new TreeMap<>(java.util.Comparator.<String, Integer>comparing(n -> order(n))
                .thenComparing(n -> n));
        snapshot.replay(new RawEvents() {
            @Override
            public void thread(int threadKey, long javaThreadId, String name, boolean daemon) {
                names.put(threadKey, name);
            }

            @Override
            public void executor(int executorKey, String className, int identityHash, String userName) {
                executorHashes.add(identityHash);
            }

            @Override
            public void submit(long ref, int threadKey, int hash, long time, long parentRef, int executorKey,
                    String taskClass, long planned, boolean rejected) {
                counts.merge(names.get(threadKey), 1, Integer::sum);
            }

            @Override
            public void run(long ref, int threadKey, int hash, boolean threadRun, long start, long end, Failure failure) {
            }

            @Override
            public void dropped(long events) {
            }
        });
        return counts;
    }

    private static int order(String threadName) {
        return java.util.List.of("exited-before", "live-across", "started-after").indexOf(threadName);
    }
}
