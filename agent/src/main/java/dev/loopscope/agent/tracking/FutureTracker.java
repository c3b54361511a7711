package dev.loopscope.agent.tracking;

import dev.loopscope.agent.detect.AgentCode;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The CompletableFutures that application code creates for a test, and whether anybody observes
 * them: what asyncio calls "Task exception was never retrieved", for Java.
 *
 * <p>A future is tracked when a CompletableFuture method returns it to application code (a
 * {@code thenApply}, a {@code supplyAsync}) or application code calls a constructor; never the
 * futures the JDK makes for itself inside CompletableFuture or an HttpClient. Finding the caller
 * takes a walk of a few frames, paid only while a test runs. Tracked futures are held until
 * their test takes them, at most {@link #MAX_TRACKED} at once; to make room, those that
 * completed normally (which can never be a finding) are dropped first.
 */
final class FutureTracker {

    static final int MAX_TRACKED = 10_000;
    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
    /** The harness's own code that creates futures on behalf of the test (TestLoop.run, delay). */
    private static final String[] HARNESS = {"dev.loopscope.harness.TestLoop", "dev.loopscope.harness.internal."};

    /** At most one sweep in this long: past the bound, creating a future must not cost a walk of the table each time. */
    private static final long SWEEP_EVERY_NANOS = 100_000_000L;
    /** CompletableFuture.completedStage and the like: its state cannot be read (isDone throws), so it is not tracked. */
    private static final String MINIMAL_STAGE = "java.util.concurrent.CompletableFuture$MinimalStage";

    private final Origins origins;
    private final Map<IdentityKey, TrackedFuture> tracked = new ConcurrentHashMap<>();
    private final AtomicInteger count = new AtomicInteger();
    private volatile long lastSweep = System.nanoTime() - SWEEP_EVERY_NANOS;
    /** Set while this class reads futures itself: its own calls are not observations. */
    private final ThreadLocal<Boolean> reading = new ThreadLocal<>();
    /**
     * How deep the thread is in a CompletableFuture method that uses the public API on itself
     * ({@code orTimeout} attaches a {@code whenComplete}): those calls are the JDK's, not the test's.
     */
    private final ThreadLocal<int[]> internal = ThreadLocal.withInitial(() -> new int[1]);
    /**
     * Tests that have ended (their futures were taken): their later futures are nobody's to check.
     * Read on every tracked future, on loop threads too: lock-free, unlike a synchronized weak
     * set, whose lock two loop threads creating futures at once contended on. Weak keys, expunged
     * as tests are added: an ended test's group is not kept alive.
     */
    private final Map<IdentityKey, Boolean> ended = new ConcurrentHashMap<>();
    private final ReferenceQueue<Object> endedCleared = new ReferenceQueue<>();

    FutureTracker(Origins origins) {
        this.origins = origins;
    }

    void returned(Object future) {
        track(future, false);
    }

    void constructed(Object future) {
        track(future, true);
    }

    /** The thread enters ({@code true}) or leaves a CompletableFuture method that calls the public API on itself. */
    void internal(boolean enter) {
        internal.get()[0] += enter ? 1 : -1;
    }

    void observed(Object future, boolean consumed) {
        if (count.get() == 0) {
            return;
        }
        TrackedFuture t = tracked.get(IdentityKey.of(future));
        if (t == null || reading.get() != null || internal.get()[0] > 0) {
            return;
        }
        if (consumed) {
            t.consumed = true;
        } else {
            t.observed = true;
        }
    }

    private void track(Object future, boolean constructor) {
        if (!(future instanceof CompletableFuture) || future.getClass().getName().equals(MINIMAL_STAGE)) {
            return;
        }
        ThreadGroup origin = origins.current();
        if (origin == null || hasEnded(origin) || internal.get()[0] > 0) {
            return; // not work of a test that is running, or made by the JDK inside CompletableFuture
        }
        String site = WALKER.walk(frames -> siteOf(frames, constructor));
        if (site == null) {
            return;
        }
        if (count.get() >= MAX_TRACKED) {
            long now = System.nanoTime();
            if (now - lastSweep >= SWEEP_EVERY_NANOS) {
                lastSweep = now;
                sweep();
            }
            if (count.get() >= MAX_TRACKED) {
                return;
            }
        }
        String name = Thread.currentThread().getName();
        TrackedFuture t = new TrackedFuture((CompletableFuture<?>) future, origin, site,
                name.isEmpty() ? "unnamed thread #" + Thread.currentThread().getId() : name, System.nanoTime());
        if (tracked.putIfAbsent(new IdentityKey(future, null), t) == null) {
            count.incrementAndGet();
        }
    }

    /**
     * The application frame that created the future, or null if the JDK did. Below the agent's
     * frames: the CompletableFuture method (or the constructors, a subclass's included), then its
     * caller, past the harness's own frames.
     */
    private static String siteOf(Stream<StackWalker.StackFrame> frames, boolean constructor) {
        java.util.Iterator<StackWalker.StackFrame> it = frames.iterator();
        StackWalker.StackFrame f = it.hasNext() ? it.next() : null;
        while (f != null && AgentCode.isAgent(f.getClassName())) {
            f = it.hasNext() ? it.next() : null;
        }
        while (f != null && CompletableFuture.class.isAssignableFrom(f.getDeclaringClass())
                && (constructor ? f.getMethodName().equals("<init>") : f.getDeclaringClass() == CompletableFuture.class)) {
            f = it.hasNext() ? it.next() : null;
        }
        if (f == null || f.getMethodName().equals("newIncompleteFuture")) {
            return null; // made for a dependent stage: tracked when the stage method returns it
        }
        while (f != null && isHarness(f.getClassName())) {
            f = it.hasNext() ? it.next() : null;
        }
        if (f == null || AgentCode.isJdk(f.getClassName()) || AgentCode.isAgent(f.getClassName())) {
            return null;
        }
        return dev.loopscope.agent.detect.StackFrames.format(f.toStackTraceElement());
    }

    private static boolean isHarness(String className) {
        for (String h : HARNESS) {
            if (className.startsWith(h)) {
                return true;
            }
        }
        return false;
    }

    private boolean hasEnded(ThreadGroup origin) {
        for (ThreadGroup g = origin; g != null; g = g.getParent()) {
            if (ended.containsKey(IdentityKey.of(g))) {
                return true;
            }
        }
        return false;
    }

    /** Drops the futures that completed normally: they can never be a finding. */
    private void sweep() {
        reading.set(Boolean.TRUE);
        try {
            for (Map.Entry<IdentityKey, TrackedFuture> e : tracked.entrySet()) {
                if (completedNormally(e.getValue().future) && tracked.remove(e.getKey(), e.getValue())) {
                    count.decrementAndGet(); // only the remover counts it: a concurrent take may race for it
                }
            }
        } finally {
            reading.remove();
        }
    }

    private static boolean completedNormally(CompletableFuture<?> f) {
        try {
            return f.isDone() && !f.isCompletedExceptionally();
        } catch (RuntimeException subclassFault) {
            return true; // a subclass whose state cannot be read: never a finding
        }
    }

    /**
     * The futures of {@code group}'s work (or a group inside it), as maps. {@code take} forgets
     * them and ends the group's tracking: its test has ended, and what its leftover work creates
     * later is not tracked (nobody would take it).
     */
    List<Map<String, Object>> of(ThreadGroup group, boolean take) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (take) {
            for (Reference<?> r = endedCleared.poll(); r != null; r = endedCleared.poll()) {
                ended.remove(r);
            }
            ended.put(new IdentityKey(group, endedCleared), Boolean.TRUE);
        }
        reading.set(Boolean.TRUE);
        try {
            for (Map.Entry<IdentityKey, TrackedFuture> e : tracked.entrySet()) {
                TrackedFuture t = e.getValue();
                if (!group.parentOf(t.origin)) {
                    continue;
                }
                if (take && tracked.remove(e.getKey(), t)) {
                    count.decrementAndGet();
                }
                Map<String, Object> described = describe(t);
                if (described != null) {
                    out.add(described);
                }
            }
        } finally {
            reading.remove();
        }
        out.sort((a, b) -> Long.compare((Long) a.get("createdNanoTime"), (Long) b.get("createdNanoTime")));
        return out;
    }

    private static Map<String, Object> describe(TrackedFuture t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("site", t.site);
        m.put("thread", t.threadName);
        m.put("createdNanoTime", t.createdNanos);
        m.put("observed", t.observed);
        m.put("consumed", t.consumed);
        String state = "pending";
        Throwable failure = null;
        try {
            if (t.future.isDone()) {
                try {
                    t.future.getNow(null);
                    state = "done";
                } catch (CancellationException c) {
                    state = "cancelled";
                } catch (CompletionException x) {
                    state = "failed";
                    failure = x.getCause() != null ? x.getCause() : x;
                }
            }
        } catch (RuntimeException subclassFault) {
            return null; // a subclass whose state cannot be read: nothing to say of it
        }
        m.put("state", state);
        m.put("failure", failure);
        return m;
    }
}
