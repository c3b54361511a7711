package dev.loopscope.agent.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.loopscope.agent.it.RecordedTrace.Task;
import dev.loopscope.agent.it.workloads.AllOfWithOneFailure;
import dev.loopscope.agent.it.workloads.CommonPoolBatches;
import dev.loopscope.agent.it.workloads.CompletableChains;
import dev.loopscope.agent.it.workloads.ForkJoinRecursion;
import dev.loopscope.agent.it.workloads.PlainThreads;
import dev.loopscope.agent.it.workloads.PoolFanOut;
import dev.loopscope.agent.it.workloads.PoolSubmitPaths;
import dev.loopscope.agent.it.workloads.RejectionPaths;
import dev.loopscope.agent.it.workloads.ScheduledTimers;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Real JVMs with the agent, on workloads of known shape: what was recorded, exactly. */
class TaskRecordingIT {

    @Test
    void poolTasksAndTheirChildren() throws Exception {
        AgentJvm.Result r = AgentJvm.of(PoolFanOut.class).run("fanout");
        assertThat(r.exitCode).as(r.toString()).isZero();
        RecordedTrace trace = r.trace();

        List<Task> tasks = trace.onExecutor("fanout");
        assertThat(tasks).hasSize(PoolFanOut.PARENTS * (1 + PoolFanOut.CHILDREN));
        assertThat(tasks).allSatisfy(t -> {
            assertThat(t.thread).matches("fanout-worker-[123]");
            assertThat(t.outcome).isEqualTo("normal");
            assertThat(t.queueWaitMicros).isNotNull().isGreaterThanOrEqualTo(0.0);
        });
        List<Task> parents = trace.tasks(t -> t.executor.equals("fanout") && t.parent == null);
        assertThat(parents).hasSize(PoolFanOut.PARENTS);
        assertThat(parents).allSatisfy(p -> assertThat(trace.submitThread(p)).isEqualTo("main"));
        Map<Long, List<Task>> children = tasks.stream().filter(t -> t.parent != null)
                .collect(Collectors.groupingBy(t -> t.parent));
        assertThat(children.keySet()).containsExactlyInAnyOrderElementsOf(parents.stream().map(p -> p.id).toList());
        children.forEach((parentId, kids) -> {
            Task parent = trace.byId(parentId);
            assertThat(kids).hasSize(PoolFanOut.CHILDREN);
            for (Task kid : kids) {
                // Submitted by the parent while it ran, on the parent's thread; started after that.
                assertThat(trace.submitThread(kid)).isEqualTo(parent.thread);
                assertThat(kid.submitMicros()).isBetween(parent.startMicros, parent.endMicros());
                assertThat(kid.startMicros).isGreaterThanOrEqualTo(kid.submitMicros());
            }
        });

        Map<String, Object> pool = executor(r.summary(), "fanout");
        assertThat(pool).containsEntry("tasks", 80L).containsEntry("failed", 0L).containsEntry("threads", 3L);
        assertThat((Long) pool.get("maxConcurrency")).isBetween(1L, 3L);
        assertThat(r.summary()).containsEntry("dropped", 0L);
        // The pool's three workers are tasks of Thread.start, named after their threads, each
        // started by the thread that submitted the task that needed it.
        List<Task> workers = trace.tasks(t -> t.executor.equals("Thread.start") && t.name.startsWith("fanout-worker-"));
        assertThat(workers).extracting(t -> t.name).containsExactlyInAnyOrder("fanout-worker-1", "fanout-worker-2", "fanout-worker-3");
        assertThat(workers).allSatisfy(w -> {
            assertThat(w.thread).isEqualTo(w.name);
            assertThat(trace.submitThread(w)).as("who started %s", w).isNotNull();
            assertThat(w.queueWaitMicros).isNotNull();
        });
    }

    @Test
    void everySubmissionPathOfAPoolSubclass() throws Exception {
        AgentJvm.Result r = AgentJvm.of(PoolSubmitPaths.class).run("paths");
        assertThat(r.exitCode).as(r.toString()).isZero();
        Map<String, Object> pool = executor(r.summary(), "paths");
        assertThat(pool).containsEntry("tasks", 9L).containsEntry("rejected", 1L).containsEntry("notStarted", 1L)
                .containsEntry("failed", 0L).containsEntry("className", PoolSubmitPaths.AuditedPool.class.getName());
        // Named after what the application submitted, not after the JDK's FutureTask wrapper.
        assertThat(r.trace().onExecutor("paths")).hasSize(8)
                .allSatisfy(t -> assertThat(t.thread).matches("paths-[12]"))
                .allSatisfy(t -> assertThat(t.name).startsWith(PoolSubmitPaths.class.getName() + "$$Lambda"));
    }

    @Test
    void completableFutureChainsWithCausality() throws Exception {
        AgentJvm.Result r = AgentJvm.of(CompletableChains.class).run("cf");
        assertThat(r.exitCode).as(r.toString()).isZero();
        RecordedTrace trace = r.trace();
        List<Task> tasks = trace.onExecutor("cf-pool");
        Map<String, Long> byName = tasks.stream().collect(Collectors.groupingBy(t -> t.name, Collectors.counting()));
        // The failing chain's thenApplyAsync never reaches the pool: a failed source completes it directly.
        assertThat(byName).containsOnly(
                Map.entry("CompletableFuture.supplyAsync", (long) CompletableChains.CHAINS + 1),
                Map.entry("CompletableFuture.thenApplyAsync", (long) CompletableChains.CHAINS),
                Map.entry("CompletableFuture.thenAcceptAsync", (long) CompletableChains.CHAINS));
        for (Task t : tasks) {
            switch (t.name) {
                case "CompletableFuture.supplyAsync":
                    assertThat(t.parent).isNull();
                    assertThat(trace.submitThread(t)).isEqualTo("main");
                    break;
                case "CompletableFuture.thenApplyAsync":
                    assertThat(trace.byId(t.parent).name).isEqualTo("CompletableFuture.supplyAsync");
                    break;
                default:
                    assertThat(trace.byId(t.parent).name).isEqualTo("CompletableFuture.thenApplyAsync");
            }
        }
        // Each source has exactly one dependent: the chains are told apart.
        assertThat(tasks.stream().filter(t -> t.parent != null).map(t -> t.parent).distinct()).hasSize(2 * CompletableChains.CHAINS);
        assertThat(tasks.stream().filter(t -> !t.outcome.equals("normal")).map(t -> t.outcome))
                .containsExactly("java.lang.IllegalStateException: chain failed");
        assertThat(executor(r.summary(), "cf-pool")).containsEntry("tasks", 31L).containsEntry("failed", 1L);
    }

    @Test
    void aStageThatSucceededIsNotBlamedForTheDependentItFailsWhileCompletingIt() throws Exception {
        AgentJvm.Result r = AgentJvm.of(AllOfWithOneFailure.class).run("allof");
        assertThat(r.exitCode).as(r.toString()).isZero();
        assertThat(r.stdout).isEqualTo("allOf failed with java.lang.IllegalStateException: one source failed\n");
        List<Task> tasks = r.trace().onExecutor("allof-pool");
        assertThat(tasks).hasSize(AllOfWithOneFailure.SOURCES);
        // Only the failing supplier failed; the last successful one completed allOf exceptionally
        // inside its postComplete, which is allOf's failure, not its own.
        assertThat(tasks.stream().map(t -> t.outcome)).containsExactlyInAnyOrder("java.lang.IllegalStateException: one source failed",
                "normal", "normal", "normal");
        assertThat(executor(r.summary(), "allof-pool")).containsEntry("tasks", (long) AllOfWithOneFailure.SOURCES)
                .containsEntry("failed", 1L);
    }

    @Test
    void commonPoolWorkersKeepOneTimelineEachThoughTheJdkErasesTheirThreadLocals() throws Exception {
        AgentJvm.Result r = AgentJvm.of(CommonPoolBatches.class)
                .jvmArg("-Djava.util.concurrent.ForkJoinPool.common.parallelism=2").run("common-pool-batches");
        assertThat(r.exitCode).as(r.toString()).isZero();
        Map<String, Object> summary = r.summary();
        // main and the pool's two workers (a new log per erasure had counted hundreds of threads)
        assertThat(summary).containsEntry("threads", 3L).containsEntry("dropped", 0L);
        assertThat(executor(summary, "ForkJoinPool.commonPool"))
                .containsEntry("tasks", (long) CommonPoolBatches.BATCHES * CommonPoolBatches.BATCH)
                .containsEntry("threads", 2L);
        List<Task> tasks = r.trace().onExecutor("ForkJoinPool.commonPool");
        assertThat(tasks).hasSize(CommonPoolBatches.BATCHES * CommonPoolBatches.BATCH);
        assertThat(tasks.stream().map(t -> t.thread).distinct().sorted())
                .containsExactly("ForkJoinPool.commonPool-worker-1", "ForkJoinPool.commonPool-worker-2");
        assertThat(r.stderr).contains("tasks on 2 executors, 3 threads");
    }

    @Test
    void scheduledTasksWithPlannedStarts() throws Exception {
        AgentJvm.Result r = AgentJvm.of(ScheduledTimers.class).run("scheduled");
        assertThat(r.exitCode).as(r.toString()).isZero();
        List<Task> tasks = r.trace().onExecutor("timer");
        assertThat(tasks).hasSize(ScheduledTimers.DELAYS_MS.length + ScheduledTimers.PERIODIC_RUNS);
        assertThat(tasks).allSatisfy(t -> {
            assertThat(t.thread).isEqualTo("timer-1");
            assertThat(t.driftMicros).as("drift of %s", t).isNotNull();
        });
        // Planned start = start - drift. First submissions come from main, which printed the clock
        // just before and after each schedule call: the due time lies in that window plus the delay.
        Function<Task, Double> planned = t -> t.startMicros - t.driftMicros;
        RecordedTrace trace = r.trace();
        long origin = (Long) r.summary().get("originNanoTime");
        List<Task> fromMain = tasks.stream().filter(t -> "main".equals(trace.submitThread(t)))
                .sorted(java.util.Comparator.comparing(planned)).toList();
        List<long[]> windows = r.stdout.lines().filter(l -> l.startsWith("scheduled "))
                .map(l -> java.util.Arrays.stream(l.substring(10).split(" ")).mapToLong(Long::parseLong).toArray())
                .map(w -> new long[] {w[1] + w[0] * 1_000_000 - origin, w[2] + w[0] * 1_000_000 - origin})
                .sorted(java.util.Comparator.comparingLong(w -> w[0])).toList();
        assertThat(fromMain).hasSize(4);
        assertThat(windows).hasSize(4);
        for (int i = 0; i < 4; i++) {
            // Trace times are microseconds with three decimals: allow one nanosecond of rounding.
            assertThat(planned.apply(fromMain.get(i)) * 1000).as("planned start of %s", fromMain.get(i))
                    .isBetween(windows.get(i)[0] - 1.0, windows.get(i)[1] + 1.0);
        }
        // Each later period is queued by the timer thread itself, due exactly one period after the
        // previous one; the first of the chain is one of main's submissions.
        List<Task> periodic = new java.util.ArrayList<>(tasks.stream().filter(t -> "timer-1".equals(trace.submitThread(t)))
                .sorted(java.util.Comparator.comparing(planned)).toList());
        assertThat(periodic).hasSize(ScheduledTimers.PERIODIC_RUNS - 1);
        double period = ScheduledTimers.PERIOD_MS * 1000.0;
        double firstPlanned = planned.apply(periodic.get(0)) - period;
        periodic.add(0, fromMain.stream().filter(t -> Math.abs(planned.apply(t) - firstPlanned) < 0.002).findFirst()
                .orElseThrow(() -> new AssertionError("no first run planned at " + firstPlanned + " in " + fromMain)));
        for (int i = 1; i < periodic.size(); i++) {
            assertThat(planned.apply(periodic.get(i)) - planned.apply(periodic.get(i - 1))).isCloseTo(period, within(0.002));
        }
        // Never early; and the delay asked for is not counted as waiting in the queue.
        assertThat(tasks).allSatisfy(t -> {
            assertThat(t.driftMicros).isGreaterThanOrEqualTo(0.0);
            assertThat(t.queueWaitMicros).isCloseTo(t.driftMicros, within(0.002));
        });
        assertThat(executor(r.summary(), "timer")).containsEntry("tasks", 8L).containsEntry("notStarted", 0L);
    }

    @Test
    void platformThreadsAreTasks() throws Exception {
        AgentJvm.Result r = AgentJvm.of(PlainThreads.class).run("threads");
        assertThat(r.exitCode).as(r.toString()).isZero();
        List<Task> solos = r.trace().tasks(t -> t.executor.equals("Thread.start") && t.name.startsWith("solo-"));
        assertThat(solos).extracting(t -> t.name).containsExactlyInAnyOrder("solo-a", "solo-b", "solo-c", "solo-d");
        assertThat(solos).allSatisfy(t -> {
            assertThat(t.thread).isEqualTo(t.name);
            assertThat(r.trace().submitThread(t)).isEqualTo("main");
            assertThat(t.durationMicros).isGreaterThanOrEqualTo(1000.0);
            assertThat(t.outcome).isEqualTo(t.name.equals("solo-c")
                    ? "java.lang.IllegalArgumentException: solo failed" : "normal");
        });
        // A subclass overriding run() is hooked at its first start, before its thread begins.
        List<Task> subclassed = r.trace().tasks(t -> t.executor.equals("Thread.start") && t.name.startsWith("sub-"));
        assertThat(subclassed).extracting(t -> t.name).containsExactlyInAnyOrder("sub-1", "sub-2");
        assertThat(subclassed).allSatisfy(t -> {
            assertThat(t.thread).isEqualTo(t.name);
            assertThat(t.durationMicros).isGreaterThanOrEqualTo(1000.0);
            assertThat(r.trace().submitThread(t)).isEqualTo("main");
        });
    }

    @Test
    void forkJoinForksAndInvoke() throws Exception {
        AgentJvm.Result r = AgentJvm.of(ForkJoinRecursion.class).run("forkjoin");
        assertThat(r.exitCode).as(r.toString()).isZero();
        List<Task> tasks = r.trace().onExecutor("fj-pool");
        assertThat(tasks).hasSize(ForkJoinRecursion.EXPECTED_TASKS);
        assertThat(tasks.stream().filter(t -> t.parent == null)).hasSize(1);
        assertThat(tasks).allSatisfy(t -> {
            assertThat(t.name).isEqualTo("dev.loopscope.agent.it.workloads.ForkJoinRecursion$Sum");
            assertThat(t.outcome).isEqualTo("normal");
        });
    }

    @Test
    void rejectionsAndCallerRuns() throws Exception {
        AgentJvm.Result r = AgentJvm.of(RejectionPaths.class).run("rejections");
        assertThat(r.exitCode).as(r.toString()).isZero();
        RecordedTrace trace = r.trace();
        // CallerRunsPolicy: the overflow ran on main, each as one run of its own submission.
        assertThat(executor(r.summary(), "saturated")).containsEntry("tasks", (long) RejectionPaths.CALLER_RUNS_TASKS)
                .containsEntry("notStarted", 0L).containsEntry("rejected", 0L);
        assertThat(trace.onExecutor("saturated").stream().filter(t -> t.thread.equals("main"))).hasSize(RejectionPaths.CALLER_RUNS_TASKS - 2);
        // A scheduled pool rejecting after shutdown (never ran a task, so named by class and identity).
        // The retried Runnable: the run belongs to the retry, the rejected submission never ran.
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> executors = (List<Map<String, Object>>) r.summary().get("executors");
        Map<String, Object> closedTimer = executors.stream().filter(e -> e.get("className").equals(
                "java.util.concurrent.ScheduledThreadPoolExecutor")).findFirst().orElseThrow();
        assertThat(closedTimer).containsEntry("tasks", 1L).containsEntry("rejected", 1L).containsEntry("notStarted", 1L);
        Map<String, Object> retry = executors.stream().filter(e -> "retry".equals(e.get("name")))
                .findFirst().orElseThrow(() -> new AssertionError(executors));
        assertThat(retry).containsEntry("tasks", 1L).containsEntry("notStarted", 0L).containsEntry("rejected", 0L);
        Map<String, Object> closed = executors.stream().filter(e -> e.get("rejected").equals(1L)
                && e.get("className").equals("java.util.concurrent.ThreadPoolExecutor")).findFirst().orElseThrow();
        assertThat(closed).containsEntry("tasks", 1L).containsEntry("notStarted", 1L);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> executor(Map<String, Object> summary, String name) {
        List<Map<String, Object>> executors = (List<Map<String, Object>>) summary.get("executors");
        return executors.stream().filter(e -> name.equals(e.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no executor " + name + " in " + executors.stream()
                        .map(e -> e.get("name")).toList()));
    }
}
