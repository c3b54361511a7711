package dev.loopscope.agent;

import dev.loopscope.agent.bootstrap.Hooks;
import dev.loopscope.agent.bridge.HarnessQueries;
import dev.loopscope.agent.config.AgentOptions;
import dev.loopscope.agent.config.OptionsException;
import dev.loopscope.agent.detect.AllowList;
import dev.loopscope.agent.detect.BlockingApis;
import dev.loopscope.agent.detect.Detection;
import dev.loopscope.agent.detect.Detector;
import dev.loopscope.agent.detect.LoopThreads;
import dev.loopscope.agent.detect.Watchdog;
import dev.loopscope.agent.instrument.Instrumenter;
import dev.loopscope.agent.instrument.JdkAccess;
import dev.loopscope.agent.instrument.ThreadSubclassHooks;
import dev.loopscope.agent.internal.FaultInjection;
import dev.loopscope.agent.internal.InternalFault;
import dev.loopscope.agent.jfr.JfrTap;
import dev.loopscope.agent.recorder.Recorder;
import dev.loopscope.agent.recorder.Snapshot;
import dev.loopscope.agent.report.ReportSet;
import dev.loopscope.agent.timeline.TaskFilter;
import dev.loopscope.agent.tracking.Tracking;
import dev.loopscope.agent.timeline.Timeline;
import dev.loopscope.agent.timeline.TimelineBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.instrument.Instrumentation;
import java.nio.file.Path;
import java.nio.file.Paths;

/** The running agent: parses options, starts the recorder, installs hooks, writes reports at exit. */
final class AgentRuntime {

    private static final String PREFIX = "[loopscope] ";
    /**
     * Set when a fault in a hook switched recording off: the reports then end there (marked
     * partial), and the loop threads' state, no longer updated, is not looked at again.
     */
    private static volatile boolean recordingStopped;

    private AgentRuntime() {
    }

    static void start(String optionText, Instrumentation inst, boolean attached, long startedNanos) {
        AgentOptions options;
        try {
            options = AgentOptions.parse(optionText);
        } catch (OptionsException e) {
            System.err.println(PREFIX + e.getMessage() + ". The agent is off; the application runs without it.");
            return;
        }
        if (Hooks.isRecording()) {
            System.err.println(PREFIX + "the agent is already running in this JVM; this second start is ignored");
            return;
        }
        FaultInjection.any(); // reads the test-only switch here, at start-up, not inside some hook
        long buffer = options.bufferBytes();
        long heapShare = Runtime.getRuntime().maxMemory() / 4;
        if (buffer > heapShare) {
            // The events live on the heap, and writing the reports at exit needs as much again.
            System.err.printf("%sbuffer=%dm is more than a quarter of the %dm heap; using %dm (raise -Xmx for more)%n",
                    PREFIX, buffer >> 20, Runtime.getRuntime().maxMemory() >> 20, heapShare >> 20);
            buffer = heapShare;
        }
        try {
            JdkAccess.open(inst);
        } catch (RuntimeException e) {
            System.err.println(PREFIX + "cannot open JDK internals to the agent (" + e + "); planned starts of scheduled tasks are approximate");
        }
        Recorder recorder = new Recorder(buffer, options.timeline());
        Detector detector = new Detector(
                new LoopThreads(options.loops(), options.commonPool() == AgentOptions.CommonPoolMode.LOOP,
                        options.commonPool() == AgentOptions.CommonPoolMode.REPORT),
                new AllowList(options.allow()), options.blocking(), options.stallNanos());
        recorder.detectWith(detector);
        recorder.answerWith(new HarnessQueries(recorder, detector, options.stallNanos()));
        Watchdog watchdog = new Watchdog(detector, options.watchdogNanos(), options.stallNanos(),
                message -> System.err.println(PREFIX + message));
        Thread watchdogThread = new Thread(watchdog, "loopscope-watchdog");
        watchdogThread.setDaemon(true);
        recorder.registerAgentThread(watchdogThread);
        Thread writer = new Thread(() -> writeReports(recorder, detector, watchdog, watchdogThread, options),
                "loopscope-report-writer");
        recorder.registerAgentThread(writer);
        if (options.jfr()) {
            JfrTap.install(recorder::executors);
        }
        Hooks.install(recorder, (where, fault) -> hookFault(where, fault, watchdog));
        Hooks.installTracker(new Tracking());
        Hooks.nativeApis(BlockingApis.THREAD_SLEEP.id, BlockingApis.OBJECT_WAIT.id);
        // Walks the hook's path once before any blocking hook is live, loading its classes.
        Hooks.blockingExit(Hooks.blockingEnter(BlockingApis.THREAD_SLEEP.id, null));
        Instrumenter.Result result = Instrumenter.install(inst, options.blocking() != AgentOptions.BlockingPolicy.OFF);
        watchdogThread.start();
        recorder.onThreadClassStarting(ThreadSubclassHooks.install(inst)::threadClassStarting);
        if (!result.missing.isEmpty() || !result.errors.isEmpty()) {
            System.err.println(PREFIX + "self-check: hooks not in effect on JDK " + Runtime.version().feature() + ": "
                    + String.join(", ", result.missing) + (result.errors.isEmpty() ? "" : "; errors: " + result.errors));
        }
        if (options.verbose()) {
            System.err.println(PREFIX + "hooks in effect: " + String.join(", ", result.installed));
            System.err.printf("%sstarted in %d ms%n", PREFIX, (System.nanoTime() - startedNanos) / 1_000_000);
        }
        Runtime.getRuntime().addShutdownHook(writer);
        if (attached) {
            System.err.println(PREFIX + "attached; recording until this JVM exits");
        }
    }

    /** The first fault of the recorder's hooks (or the tracker's): Hooks has switched it off already. */
    private static void hookFault(String where, Throwable fault, Watchdog watchdog) {
        if (where.startsWith("tracking")) {
            System.err.println(PREFIX + InternalFault.describe(where + " hook", "tracking for the harness stopped", fault));
            return;
        }
        // The detector runs inside these hooks, so it stops too, and a loop thread's task in
        // progress now would never end for the watchdog: it would report a stall that never was.
        recordingStopped = true;
        watchdog.stop();
        System.err.println(PREFIX + InternalFault.describe(where + " hook",
                "recording and detection stopped, the reports cover the run up to here", fault));
    }

    private static void writeReports(Recorder recorder, Detector detector, Watchdog watchdog, Thread watchdogThread,
            AgentOptions options) {
        try {
            // One last look of the watchdog's, from this thread once its own has stopped: stalls
            // that ended get their end, those still going on are reported as such (not after a
            // hook's fault: the loop threads' state stopped there).
            watchdog.stop();
            watchdogThread.join(1000);
            if (!watchdogThread.isAlive() && !recordingStopped) {
                watchdog.finalLook();
            }
            if (!options.reports()) {
                System.err.println(PREFIX + "reports=false: no reports written at exit");
                return;
            }
            Detection detection = detector.snapshot(options.stallNanos());
            // Other threads go on running (and recording) while shutdown hooks run: after
            // System.exit, or daemon threads after main ended. The snapshot is safe against them
            // without stopping them: see Snapshot. Tasks they leave unfinished mark the reports partial.
            Snapshot snapshot = recorder.snapshot();
            TimelineBuilder builder = new TimelineBuilder(snapshot.startNanos(),
                    new TaskFilter(options.include(), options.exclude())).partialWhenUnfinished();
            snapshot.replay(builder);
            boolean partial = recordingStopped;
            Timeline timeline = builder.build(System.getProperty("java.runtime.version", Runtime.version().toString()),
                    snapshot.startEpochMillis(), System.nanoTime(), partial, "agent");
            Path dir = options.out().toAbsolutePath().normalize();
            OutOfMemoryError heapError = recorder.heapError();
            String summary;
            try {
                summary = ReportSet.write(timeline, detection, dir, heapError != null);
            } catch (IOException | UncheckedIOException e) {
                // Only a directory that cannot be written is worth a second place: a fault of the
                // agent's own (any other exception) would fail there too, and is reported below, once.
                Path fallback = Paths.get(System.getProperty("java.io.tmpdir"),
                        "loopscope-" + ProcessHandle.current().pid()).toAbsolutePath();
                System.err.println(PREFIX + "cannot write reports to " + dir + " (" + ReportSet.whyNotWritten(dir, e)
                        + "); writing them to " + fallback);
                dir = fallback;
                summary = ReportSet.write(timeline, detection, dir, heapError != null);
            }
            System.err.print(summary);
            if (partial) {
                System.err.println(PREFIX + "recording stopped early at the fault above: the reports cover the run up to it "
                        + "and are marked partial");
            }
            if (!options.timeline()) {
                System.err.println(PREFIX + "timeline=false: detection only, no task was recorded");
            }
            System.err.printf("%sbuffer: %.1f of %.1f MiB used%n", PREFIX, snapshot.usedBytes() / 1048576.0,
                    snapshot.limitBytes() / 1048576.0);
            if (heapError != null) {
                System.err.println(PREFIX + "the heap ran out when the recorder took more memory (" + heapError + "): it took "
                        + "no more from then on, so the drops are the heap's doing, not the buffer's; raise -Xmx rather than buffer=");
            }
            if (recorder.evictedLogs() > 0) {
                System.err.println(PREFIX + "the events of " + recorder.evictedLogs() + " exited threads were freed to keep "
                        + "recording each test (JUnit harness); this whole-run report lacks them");
            }
            System.err.println(PREFIX + "report: " + dir.resolve(ReportSet.HTML));
        } catch (IOException | UncheckedIOException e) {
            System.err.println(PREFIX + "could not write the reports: " + e);
        } catch (Throwable t) {
            // One line for any fault on the way (snapshot, timeline, writers): ReportSet leaves no
            // half-written report behind.
            System.err.println(PREFIX + InternalFault.describe("report writer", "no reports written", t));
        }
    }
}
