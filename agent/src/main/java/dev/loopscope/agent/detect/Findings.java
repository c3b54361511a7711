package dev.loopscope.agent.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Every finding so far, bounded: the first {@link #MAX_CALLS} blocking calls and {@link
 * #MAX_STALLS} stalls keep their stacks, and every call counts towards its call site (up to
 * {@link #MAX_SITES} of them); what does not fit is counted as dropped. Lock-free to add to, as
 * calls are added from inside JDK blocking methods.
 */
public final class Findings {

    static final int MAX_CALLS = 2_000;
    static final int MAX_STALLS = 500;
    static final int MAX_SITES = 1_000;

    /** A call site's total: how often each API was called there and how long it blocked. */
    public static final class Site {
        public final String kind;
        public final String api;
        public final String callSite;
        private final LongAdder count = new LongAdder();
        private final LongAdder totalNanos = new LongAdder();

        Site(String kind, String api, String callSite) {
            this.kind = kind;
            this.api = api;
            this.callSite = callSite;
        }

        public long count() {
            return count.sum();
        }

        public long totalNanos() {
            return totalNanos.sum();
        }

        /** Counts one call of {@code nanos} (negative while still blocked: counted, not timed). */
        void count(long nanos) {
            count.increment();
            if (nanos > 0) {
                totalNanos.add(nanos);
            }
        }
    }

    private final ConcurrentLinkedQueue<BlockingCall> calls = new ConcurrentLinkedQueue<>();
    private final AtomicInteger callCount = new AtomicInteger();
    private final ConcurrentLinkedQueue<Stall> stalls = new ConcurrentLinkedQueue<>();
    private final AtomicInteger stallCount = new AtomicInteger();
    private final ConcurrentHashMap<String, Site> sites = new ConcurrentHashMap<>();
    private final AtomicLong dropped = new AtomicLong();

    /** At most this many findings wait for the harness to take them; more are dropped and counted. */
    static final int MAX_UNDELIVERED = 100_000;
    /** Findings not yet taken by the harness, kept only once it asked for them (see {@link #deliverFrom}). */
    private volatile boolean delivering;
    private final ConcurrentLinkedQueue<Object> undelivered = new ConcurrentLinkedQueue<>();
    private final AtomicInteger undeliveredCount = new AtomicInteger();

    /** Adds a call; returns whether its call site is new (a warning is due). */
    boolean add(BlockingCall call) {
        deliver(call);
        if (callCount.get() < MAX_CALLS && callCount.incrementAndGet() <= MAX_CALLS) {
            calls.add(call);
        } else {
            dropped.incrementAndGet();
        }
        String key = siteKey(call);
        Site site = sites.get(key);
        boolean isNew = false;
        if (site == null && sites.size() < MAX_SITES) {
            Site fresh = new Site(call.kind, call.api.name, call.callSite);
            site = sites.putIfAbsent(key, fresh);
            if (site == null) {
                site = fresh;
                isNew = true;
            }
        }
        if (site != null) {
            site.count.increment();
        }
        return isNew;
    }

    /** Calls of one kind and API at one call site count together. */
    static String siteKey(BlockingCall call) {
        return call.kind + '\u0000' + call.api.name + '\u0000' + call.callSite;
    }

    /** The call returned: its time counts towards its site. */
    void finished(BlockingCall call, long endNanos) {
        call.finish(endNanos);
        Site site = sites.get(siteKey(call));
        if (site != null) {
            site.totalNanos.add(call.durationNanos());
        }
    }

    /** A call that returned goes on (see Detector): its time so far leaves its site's total until it returns again. */
    void resumed(BlockingCall call) {
        Site site = sites.get(siteKey(call));
        if (site != null && call.durationNanos() > 0) {
            site.totalNanos.add(-call.durationNanos());
        }
    }

    void add(Stall stall) {
        deliver(stall);
        if (stallCount.get() < MAX_STALLS && stallCount.incrementAndGet() <= MAX_STALLS) {
            stalls.add(stall);
        } else {
            dropped.incrementAndGet();
        }
    }

    /** From now on, every new finding is also kept until {@link #takeDelivered()} takes it. */
    public void deliverFrom() {
        delivering = true;
    }

    private void deliver(Object finding) {
        if (!delivering) {
            return;
        }
        if (undeliveredCount.incrementAndGet() <= MAX_UNDELIVERED) {
            undelivered.add(finding);
        } else {
            undeliveredCount.decrementAndGet();
            dropped.incrementAndGet();
        }
    }

    /** The findings (BlockingCall and Stall objects) added since the last call, oldest first. */
    public List<Object> takeDelivered() {
        List<Object> out = new ArrayList<>();
        for (Object f = undelivered.poll(); f != null; f = undelivered.poll()) {
            undeliveredCount.decrementAndGet();
            out.add(f);
        }
        return out;
    }

    public List<BlockingCall> calls() {
        return new ArrayList<>(calls);
    }

    public List<Stall> stalls() {
        return new ArrayList<>(stalls);
    }

    /** Call sites, most total blocking time first. */
    public List<Site> sites() {
        List<Site> out = new ArrayList<>(sites.values());
        out.sort((a, b) -> a.totalNanos() != b.totalNanos() ? Long.compare(b.totalNanos(), a.totalNanos())
                : Long.compare(b.count(), a.count()));
        return out;
    }

    /** Findings not kept (beyond the bounds). */
    public long dropped() {
        return dropped.get();
    }
}
