package dev.loopscope.agent.recorder;

import dev.loopscope.agent.jfr.JfrTap;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Gives every executor seen a small id. Executors are held weakly, so a program that creates
 * and drops executors does not keep them alive through the agent; each entry is paid for from the
 * memory budget, and past it new executors share {@link EventLayout#UNKNOWN_EXECUTOR_ID}.
 *
 * <p>Called on a thread's first submission to an executor (each {@link ThreadLog} caches its
 * last one), so the map is off the hot path.
 */
public final class ExecutorTable {

    private static final long ENTRY_BYTES = 160;

    private final ConcurrentHashMap<Object, Integer> ids = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Object, WeakReference<Object>> aliases = new ConcurrentHashMap<>();
    private final CopyOnWriteArrayList<ExecutorInfo> infos = new CopyOnWriteArrayList<>();
    /** The same, by id: a snapshot of one test's work looks up the few executors it used. */
    private final ConcurrentHashMap<Integer, ExecutorInfo> byId = new ConcurrentHashMap<>();
    private final ReferenceQueue<Object> collected = new ReferenceQueue<>();
    private final AtomicInteger nextId = new AtomicInteger(EventLayout.FIRST_EXECUTOR_ID);
    private final MemoryBudget budget;

    public ExecutorTable(MemoryBudget budget) {
        this.budget = budget;
    }

    int idOf(Object executor) {
        Integer known = ids.get(new Lookup(executor));
        if (known != null) {
            return known;
        }
        expungeCollected();
        if (!budget.tryReserve(ENTRY_BYTES)) {
            return EventLayout.OVERFLOW_EXECUTOR_ID;
        }
        Integer[] created = new Integer[1];
        int id = ids.computeIfAbsent(new Key(executor, collected), k -> created[0] = register(executor));
        if (created[0] != null && JfrTap.active()) {
            // Outside computeIfAbsent, which holds a bin lock, inside a JDK lock held by the caller.
            JfrTap.executor(id, executor.getClass().getName(), System.identityHashCode(executor), null);
        }
        return id;
    }

    /**
     * Remembers that {@code wrapper} only delegates to {@code inner}: the JDK's wrappers (such as
     * the one {@code Executors.newSingleThreadScheduledExecutor()} returns) are what the
     * application holds and names, but tasks reach the inner executor.
     */
    void alias(Object wrapper, Object inner) {
        expungeCollected();
        if (budget.tryReserve(ENTRY_BYTES)) {
            aliases.put(new Key(wrapper, collected), new WeakReference<>(inner));
        }
    }

    /** The executor that {@code executor} delegates to, through the JDK's wrappers; itself if none. */
    Object unwrap(Object executor) {
        for (int hops = 0; hops < 8; hops++) {
            WeakReference<Object> inner = aliases.get(new Lookup(executor));
            Object target = inner == null ? null : inner.get();
            if (target == null) {
                break;
            }
            executor = target;
        }
        return executor;
    }

    void name(Object executor, String name) {
        int id = idOf(unwrap(executor));
        for (ExecutorInfo info : infos) {
            if (info.id() == id) {
                info.setUserName(name);
                if (JfrTap.active()) {
                    JfrTap.executor(id, info.className(), info.identityHash(), name);
                }
            }
        }
    }

    private int register(Object executor) {
        int id = nextId.getAndIncrement();
        ExecutorInfo info = new ExecutorInfo(id, executor.getClass().getName(), System.identityHashCode(executor));
        infos.add(info);
        byId.put(id, info);
        return id;
    }

    private void expungeCollected() {
        Object stale;
        while ((stale = collected.poll()) != null) {
            ids.remove(stale);
            aliases.remove(stale);
        }
    }

    /** What is known of every executor registered so far, in id order. */
    public java.util.List<ExecutorInfo> executors() {
        return java.util.List.copyOf(infos);
    }

    /** The executor numbered {@code id}, or null (an id of no registered executor). */
    ExecutorInfo byId(int id) {
        return byId.get(id);
    }

    /** The map key: equal to another key, or a lookup, for the same executor object. */
    private static final class Key extends WeakReference<Object> {
        private final int hash;

        Key(Object executor, ReferenceQueue<Object> queue) {
            super(executor, queue);
            this.hash = System.identityHashCode(executor);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            if (this == other) {
                return true;
            }
            Object mine = get();
            if (mine == null) {
                return false;
            }
            if (other instanceof Key) {
                return mine == ((Key) other).get();
            }
            return other instanceof Lookup && mine == ((Lookup) other).executor;
        }
    }

    /** A short-lived strong key for lookups, so a lookup allocates no weak reference. */
    private static final class Lookup {
        private final Object executor;

        Lookup(Object executor) {
            this.executor = executor;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(executor);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key ? other.equals(this) : other instanceof Lookup && ((Lookup) other).executor == executor;
        }
    }
}
