package dev.loopscope.agent.detect;

import dev.loopscope.agent.internal.FaultInjection;
import dev.loopscope.agent.internal.InternalFault;
import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.MonitorInfo;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The thread that looks at every loop thread each period (10 ms by default) for what no hook
 * sees: a task that has run past the stall threshold (sampled while it still runs, several
 * times over a long stall), and a thread BLOCKED entering a contended {@code synchronized}.
 * It also prints the detector's warnings, so no hook ever writes to stderr itself.
 */
public final class Watchdog implements Runnable {

    private final Detector detector;
    private final long periodNanos;
    private final long stallNanos;
    private final Consumer<String> out;
    private volatile boolean stopped;
    /** Set at the watchdog's first fault, which it reports once: it never looks again, not even at exit. */
    private volatile boolean failed;
    private ThreadMXBean threads;
    private boolean cpuTime;

    /** @param stallNanos the stall threshold, 0 for no stall detection */
    public Watchdog(Detector detector, long periodNanos, long stallNanos, Consumer<String> out) {
        this.detector = detector;
        this.periodNanos = periodNanos;
        this.stallNanos = stallNanos;
        this.out = out;
    }

    @Override
    public void run() {
        threads = ManagementFactory.getThreadMXBean();
        cpuTime = threads.isThreadCpuTimeSupported() && threads.isThreadCpuTimeEnabled();
        while (!stopped) {
            try {
                checkAll();
            } catch (RuntimeException | Error e) {
                reportFault(e);
                return;
            }
            LockSupport.parkNanos(periodNanos);
        }
    }

    /** Stops the watchdog after one last look, and ends what it was watching as of now. */
    public void stop() {
        stopped = true;
    }

    /**
     * The last look at exit, from the report writer's thread once the watchdog's own has ended:
     * skipped if the watchdog failed (the same fault would come again), and a first fault here is
     * reported like one in the loop, so the reports are still written.
     */
    public void finalLook() {
        if (failed) {
            return;
        }
        try {
            checkAll();
        } catch (RuntimeException | Error e) {
            reportFault(e);
        }
    }

    private void reportFault(Throwable e) {
        failed = true;
        // Nobody prints the detector's warnings any more: it must not keep queueing them.
        detector.stopWarnings();
        out.accept(InternalFault.describe("watchdog", "contended monitors are no longer found and stalls no longer "
                + "sampled (a stall is still found when it ends)", e));
    }

    /** One look at every loop thread. */
    void checkAll() {
        long now = System.nanoTime();
        for (LoopThread lt : detector.watched()) {
            if (FaultInjection.WATCHDOG) {
                throw FaultInjection.injected("watchdog");
            }
            Thread t = lt.thread();
            if (t == null || !t.isAlive() || lt.retired()) { // gone, or no longer this kind of loop
                endStall(lt, now);
                endMonitor(lt, now);
                detector.forget(lt);
                continue;
            }
            if (stallNanos > 0 && lt.kind == LoopThreads.Kind.LOOP) {
                checkStall(lt, t, now);
            }
            if (detector.policy() != dev.loopscope.agent.config.AgentOptions.BlockingPolicy.OFF) {
                checkMonitor(lt, t, now);
            }
        }
        for (String w = detector.nextWarning(); w != null; w = detector.nextWarning()) {
            out.accept(w);
        }
    }

    private void checkStall(LoopThread lt, Thread t, long now) {
        int seq = lt.seq();
        Stall stall = lt.stall;
        if (stall != null && stall.seq != seq) {
            endStall(lt, now);
            stall = null;
        }
        if (stall == null && (seq & 1) == 1) {
            long start = lt.runStart();
            long ref = lt.runRef();
            java.lang.invoke.VarHandle.acquireFence(); // the plain reads above stay before the re-read of seq
            if (lt.seq() != seq || now - start < stallNanos) {
                return;
            }
            if (!lt.claimStall(seq)) {
                return;
            }
            stall = new Stall(t.getName(), lt.threadId, ref, start, stallNanos, seq);
            stall.origin = lt.origin();
            stall.firstSeen = now;
            stall.firstCpu = cpu(lt);
            lt.stall = stall;
            sample(lt, stall, t, now);
            detector.findings().add(stall);
            detector.warn(String.format(Locale.ROOT, "stall on loop thread '%s': a task has run for %d ms (threshold %d ms)",
                    t.getName(), (now - start) / 1_000_000, stallNanos / 1_000_000));
        } else if (stall != null) {
            long cpu = cpu(lt);
            if (cpu >= 0 && stall.firstCpu >= 0) {
                stall.cpu(cpu - stall.firstCpu, now - stall.firstSeen);
            }
            // Samples spread over a long stall: one per threshold, at least four periods apart.
            if (now - stall.lastSampleAt >= Math.max(stallNanos, 4 * periodNanos) && stall.sampleCount() < Stall.MAX_SAMPLES) {
                sample(lt, stall, t, now);
            }
        }
    }

    private void endStall(LoopThread lt, long now) {
        Stall stall = lt.stall;
        if (stall != null) {
            stall.finish(lt.endOf(stall.seq, now));
            lt.stall = null;
        }
    }

    /** A sample of the stalled run, kept only if that run was still going on when it was taken. */
    private void sample(LoopThread lt, Stall stall, Thread t, long now) {
        Thread.State state = t.getState();
        StackTraceElement[] stack = StackFrames.trim(t.getStackTrace());
        if (lt.seq() != stall.seq) {
            return; // the run ended meanwhile: the stack may be the next task's, or the idle wait
        }
        stall.add(new Stall.Sample(now, state.name(), StackFrames.formatAll(stack)));
        stall.lastSampleAt = now;
    }

    private long cpu(LoopThread lt) {
        return cpuTime ? threads.getThreadCpuTime(lt.threadId) : -1L;
    }

    /**
     * A loop thread BLOCKED on a monitor, outside any hooked call (Object.wait re-entering its
     * monitor is part of the wait): one finding per contended entry, told apart by the thread's
     * blocked count, lasting until the thread is seen running again.
     */
    private void checkMonitor(LoopThread lt, Thread t, long now) {
        if (t.getState() != Thread.State.BLOCKED || lt.blocking != null || lt.idleWorker()) {
            endMonitor(lt, now);
            return;
        }
        ThreadInfo info = threads.getThreadInfo(lt.threadId, StackFrames.MAX_FRAMES);
        if (info == null || info.getThreadState() != Thread.State.BLOCKED) {
            endMonitor(lt, now);
            return;
        }
        // The agent's own short locks (its bookkeeping of futures, say) are not the application's
        // contention: reported, they would be blamed on the application frame below them.
        if (StackFrames.inAgentCode(info.getStackTrace()) || waitsForClassInitialization(info)) {
            endMonitor(lt, now);
            return;
        }
        MonitorEpisode episode = lt.monitor;
        if (episode != null && episode.blockedCount == info.getBlockedCount()) {
            episode.lastSeen = now;
            return;
        }
        endMonitor(lt, now);
        String detail = "waiting for " + info.getLockName()
                + (info.getLockOwnerName() != null ? " held by '" + info.getLockOwnerName() + "'" : "");
        // the run in progress is read racily: right unless the task changed in the last moment
        long ref = (lt.seq() & 1) == 1 ? lt.runRef() : 0L;
        BlockingCall call = detector.newCall(lt.kind == LoopThreads.Kind.COMMON_POOL ? "commonPool" : "loop",
                BlockingApis.MONITOR, StackFrames.trim(info.getStackTrace()), t, ref, now, detail, lt.origin());
        if (call != null) {
            lt.monitor = new MonitorEpisode(call, info.getBlockedCount(), now);
        }
    }

    /**
     * While HotSpot links or initializes a class it holds the class's init lock, an {@code int[]}
     * locked by the JVM itself (no Java frame of the owner holds it); two threads linking classes
     * that need each other wait on those. That is class loading, allowed wherever it happens (seen
     * on Netty's loops at their first connections), not the application's {@code synchronized}: an
     * {@code int[]} the owner locked in Java code is still a finding.
     */
    private boolean waitsForClassInitialization(ThreadInfo info) {
        LockInfo lock = info.getLockInfo();
        if (lock == null || !"[I".equals(lock.getClassName()) || info.getLockOwnerId() < 0) {
            return false;
        }
        ThreadInfo[] owner = threads.getThreadInfo(new long[] {info.getLockOwnerId()}, true, false);
        if (owner.length == 0 || owner[0] == null) {
            return false;
        }
        for (MonitorInfo held : owner[0].getLockedMonitors()) {
            if (held.getIdentityHashCode() == lock.getIdentityHashCode()) {
                return false; // locked by a Java frame of the owner: the application's synchronized
            }
        }
        // The JVM's init lock is not among the owner's locked monitors (seen on JDK 17: Netty's
        // loops at their first connections). Neither is an application int[] the owner let go in
        // the microseconds between the two reads: that one contention is missed, and a longer
        // one is seen at the next period. (Reading the blocked thread again does not tell them
        // apart: class linking is over within the period too.)
        return true;
    }

    private void endMonitor(LoopThread lt, long now) {
        MonitorEpisode episode = lt.monitor;
        if (episode != null) {
            // Seen blocked from the first look to the last; it ended somewhere before this one.
            detector.findings().finished(episode.call, Math.max(episode.lastSeen, episode.call.startNanos + periodNanos));
            lt.monitor = null;
        }
    }
}
