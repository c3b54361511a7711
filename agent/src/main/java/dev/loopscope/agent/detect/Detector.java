package dev.loopscope.agent.detect;

import dev.loopscope.agent.config.AgentOptions.BlockingPolicy;
import dev.loopscope.agent.internal.FaultInjection;
import java.nio.channels.SelectableChannel;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Turns blocking calls on loop threads into findings. Called by the recorder from inside JDK
 * blocking methods, on the blocking thread: nothing here may block or print. A warning is queued
 * and printed by the watchdog's thread.
 *
 * <p>Calls nest (a file read inside {@code Files.readAllBytes}, a park inside {@code
 * CompletableFuture.join}); the outermost hooked one is the finding and the rest are ignored
 * until it returns, including whatever the detector's own work might call.
 */
public final class Detector {

    private final LoopThreads loops;
    private final AllowList allow;
    private final Findings findings = new Findings();
    private final BlockingPolicy policy;
    /** The stall threshold, 0 when stalls are not detected. */
    private final long stallNanos;
    private final List<LoopThread> watched = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<String> warnings = new ConcurrentLinkedQueue<>();
    /** Set when the watchdog, which prints the warnings, has failed. */
    private volatile boolean warningsStopped;
    /** The pinned call in progress of each virtual thread (a virtual thread's own thread-local). */
    private final ThreadLocal<BlockingCall> pinned = new ThreadLocal<>();

    public Detector(LoopThreads loops, AllowList allow, BlockingPolicy policy, long stallNanos) {
        this.loops = loops;
        this.allow = allow;
        this.policy = policy;
        this.stallNanos = stallNanos;
        preload();
    }

    /** A task run on loop thread {@code lt} ends, on that thread. */
    public void taskEnded(LoopThread lt, long now) {
        long ref = lt.ownRunRef();
        long unseenStart = lt.taskEnded(now, stallNanos);
        if (unseenStart >= 0) {
            // shorter than threshold + one watchdog period: ended before the watchdog looked
            Stall stall = Stall.unsampled(Thread.currentThread(), ref, unseenStart, now, stallNanos);
            stall.origin = lt.origin();
            findings.add(stall);
            warn(String.format(java.util.Locale.ROOT, "stall on loop thread '%s': a task ran for %d ms (threshold %d ms)",
                    stall.threadName, (now - unseenStart) / 1_000_000, stallNanos / 1_000_000));
        }
    }

    /**
     * Loads every class a finding needs now. Blocking hooks fire while classes load (reading
     * the agent's jar is file I/O); a class of the hook's own path loaded for the first time
     * from inside a hook would load itself again, recursively.
     */
    private static void preload() {
        Class<?>[] classes = {LoopThread.class, StackFrames.class, BlockingCall.class, AllowList.Entry.class,
            Findings.Site.class, Stall.class, Stall.Sample.class, MonitorEpisode.class, BlockingApi.class,
            LoopThreads.Kind.class};
        for (Class<?> c : classes) {
            try {
                java.lang.invoke.MethodHandles.lookup().ensureInitialized(c);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    public LoopThreads loops() {
        return loops;
    }

    public AllowList allowList() {
        return allow;
    }

    public Findings findings() {
        return findings;
    }

    public BlockingPolicy policy() {
        return policy;
    }

    public int epoch() {
        return loops.epoch();
    }

    /**
     * The loop state of the current thread {@code t}: {@code previous} when it is still right,
     * a new one when the thread became a loop, null when it is not one.
     */
    public LoopThread classify(Thread t, String name, Object pool, LoopThread previous) {
        LoopThreads.Kind kind = loops.classify(t, name, pool);
        if (previous != null && previous.kind == kind) {
            return previous;
        }
        if (previous != null) {
            // No longer this kind of loop: its watch ends here, a run in progress with it. The
            // watchdog lets go of it at its next look, after ending a stall or a contended monitor
            // it had seen there: forgotten now, those would never end.
            previous.retire(System.nanoTime());
            if (warningsStopped) {
                forget(previous); // the watchdog failed and looks no more
            }
        }
        if (kind == LoopThreads.Kind.NONE) {
            return null;
        }
        LoopThread lt = new LoopThread(t, kind, pool != null || t instanceof java.util.concurrent.ForkJoinWorkerThread);
        watched.add(lt);
        return lt;
    }

    /** Loop threads the watchdog looks at. */
    List<LoopThread> watched() {
        return watched;
    }

    void forget(LoopThread lt) {
        watched.remove(lt);
    }

    /**
     * A hooked blocking API is entered on loop thread {@code lt}; {@code target} is the object it
     * is called on (null for static methods). Returns whether the thread is now inside a tracked
     * call (a finding, or a call an allow entry covers), to be ended by {@link #blockingExit}.
     */
    public boolean blockingEnter(LoopThread lt, int apiId, Object target, long runRef) {
        if (lt.blocking != null || lt.idleWorker() || policy == BlockingPolicy.OFF) {
            return false;
        }
        BlockingApi api = BlockingApis.byId(apiId);
        if (api == null || api.channelModeCheck && target instanceof SelectableChannel
                && !((SelectableChannel) target).isBlocking()
                || api.category.equals("dns") && target instanceof String && isAddressLiteral((String) target)) {
            return false;
        }
        if (FaultInjection.DETECTOR) {
            throw FaultInjection.injected("detector");
        }
        // Marks the thread busy first: whatever the capture below blocks on is not a finding.
        lt.blocking = PLACEHOLDER;
        BlockingCall call = null;
        try {
            StackTraceElement[] stack = StackFrames.here();
            long now = System.nanoTime();
            call = continued(lt, api, stack, runRef, now);
            if (call == null) {
                // timed from after the capture, so the finding's duration is the call's, not ours
                call = newCall(lt.kind == LoopThreads.Kind.COMMON_POOL ? "commonPool" : "loop", api, stack,
                        Thread.currentThread(), runRef, now, "", lt.origin());
            }
            // allowed or not, the thread is inside this call until it returns: what it calls is part of it
            return true;
        } finally {
            lt.blocking = call != null ? call : ALLOWED;
        }
    }

    /** An IPv4 or IPv6 literal (or null/empty: the loopback), which InetAddress resolves without a lookup. */
    static boolean isAddressLiteral(String host) {
        if (host.isEmpty() || host.indexOf(':') >= 0) {
            return true;
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c != '.' && (c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }

    public void blockingExit(LoopThread lt) {
        BlockingCall call = lt.blocking;
        if (call != null && call != PLACEHOLDER && call != ALLOWED) {
            long now = System.nanoTime();
            findings.finished(call, now);
            lt.lastCall = call;
            lt.lastCallEnd = now;
        }
        lt.blocking = null;
    }

    /** Within this, a park at the very same place continues the call before it. */
    private static final long REPARK_NANOS = 1_000_000L;

    /**
     * The previous finding, if this call continues it: the JDK's waits park in a loop (a
     * condition re-acquiring its lock, a wake-up that finds nothing changed), and one {@code
     * latch.await()} is one blocking call however many times it parks. Same park API, same
     * stack, same task, and less than a millisecond after it returned. (Two application calls
     * that park at one call site with less than a millisecond between them count as one.)
     */
    private BlockingCall continued(LoopThread lt, BlockingApi api, StackTraceElement[] stack, long runRef, long now) {
        BlockingCall last = lt.lastCall;
        if (last == null || !api.category.equals("park") || last.api != api || last.runRef != runRef || now - lt.lastCallEnd > REPARK_NANOS
                || !last.stack.equals(StackFrames.formatAll(stack))) {
            return null;
        }
        findings.resumed(last);
        return last;
    }

    /** The current virtual thread cannot unmount while it blocks: it is pinned to its carrier. */
    public boolean pinnedEnter(long runRef) {
        if (pinned.get() != null || policy == BlockingPolicy.OFF) {
            return false;
        }
        pinned.set(PLACEHOLDER);
        BlockingCall call = null;
        try {
            StackTraceElement[] stack = StackFrames.here();
            Object origin = dev.loopscope.agent.bootstrap.Hooks.currentOrigin();
            call = newCall("pinned", BlockingApis.PINNED, stack, Thread.currentThread(), runRef, System.nanoTime(), "",
                    origin != null ? origin : Thread.currentThread().getThreadGroup());
            return call != null;
        } finally {
            pinned.set(call);
        }
    }

    public void pinnedExit() {
        BlockingCall call = pinned.get();
        if (call != null && call != PLACEHOLDER) {
            findings.finished(call, System.nanoTime());
        }
        pinned.remove();
    }

    /** Everything found so far; {@code stallNanos} is the stall threshold in effect (0: off). */
    public Detection snapshot(long stallNanos) {
        List<String> allowTexts = new java.util.ArrayList<>();
        for (AllowList.Entry e : allow.entries()) {
            allowTexts.add(e.text);
        }
        return new Detection(true, policy.name().toLowerCase(java.util.Locale.ROOT), loops.globs(), stallNanos,
                findings.calls(), findings.stalls(), findings.sites(), allowTexts,
                policy == BlockingPolicy.OFF ? List.of() : allow.unusedUserEntries(),
                findings.dropped());
    }

    /** A finding from a stack, unless an allow entry covers it (or blocking=off); null then. */
    BlockingCall newCall(String kind, BlockingApi api, StackTraceElement[] stack, Thread t, long runRef, long start,
            String detail, Object origin) {
        if (policy == BlockingPolicy.OFF || allow.allowing(api, stack) != null) {
            return null;
        }
        int site = StackFrames.callSite(stack);
        String callSite = site >= 0 ? StackFrames.format(stack[site]) : "";
        String entry = site > 0 ? StackFrames.method(stack[site - 1])
                // a call site rewritten on JDK 17 calls the bridge, so the JDK method is not on the stack yet
                : site == 0 && (api == BlockingApis.THREAD_SLEEP || api == BlockingApis.OBJECT_WAIT) ? "java.lang." + api.name : "";
        // virtual threads are usually unnamed
        String threadName = t.getName().isEmpty() ? "unnamed thread #" + t.getId() : t.getName();
        BlockingCall call = new BlockingCall(kind, api, entry, callSite, StackFrames.formatAll(stack), threadName,
                t.getId(), runRef, start, detail);
        call.origin = origin;
        if (findings.add(call) && (policy == BlockingPolicy.WARN || policy == BlockingPolicy.FAIL) && !warningsStopped) {
            warnings.add(describe(call));
        }
        return call;
    }

    void warn(String message) {
        if ((policy == BlockingPolicy.WARN || policy == BlockingPolicy.FAIL) && !warningsStopped) {
            warnings.add(message);
        }
    }

    /** The watchdog, which prints the warnings, has failed: queue none from now on (they would pile up unread). */
    void stopWarnings() {
        warningsStopped = true;
        warnings.clear();
    }

    /** Warnings not yet printed, oldest first; each is returned once. */
    String nextWarning() {
        return warnings.poll();
    }

    private static String describe(BlockingCall call) {
        String where = call.callSite.isEmpty() ? "in JDK code" : "at " + call.callSite;
        String what = call.kind.equals("pinned") ? "virtual thread '" + call.threadName + "' blocked while pinned"
                : "blocking call " + call.api.name + (call.entry.isEmpty() || call.entry.endsWith(call.api.name) ? ""
                        : " (in " + call.entry + ")") + " on " + (call.kind.equals("loop") ? "loop" : "common-pool")
                        + " thread '" + call.threadName + "'";
        return what + " " + where + (call.detail.isEmpty() ? "" : "; " + call.detail);
    }

    private static final BlockingCall PLACEHOLDER = new BlockingCall("", BlockingApis.MONITOR, "", "", List.of(), "", 0L,
            0L, 0L, "");
    /** The thread is inside a blocking call that an allow entry covers: nothing under it is a finding either. */
    private static final BlockingCall ALLOWED = new BlockingCall("", BlockingApis.MONITOR, "", "", List.of(), "", 0L,
            0L, 0L, "");
}
