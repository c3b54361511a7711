package dev.loopscope.harness.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;
import java.util.Map;

/**
 * The agent, if attached: its bridge class lives in the boot class loader, reached by name so
 * that the harness has no dependency on the agent and runs (with fewer checks) without it.
 * Everything that crosses is a JDK type.
 */
final class AgentBridge {

    private static final String HOOKS = "dev.loopscope.agent.bootstrap.Hooks";
    private static final AgentBridge INSTANCE = new AgentBridge();

    private final MethodHandle takeFindings;
    private final MethodHandle mark;
    private final MethodHandle tasksSince;
    private final MethodHandle writeReportSince;
    private final MethodHandle futuresOf;
    private final MethodHandle virtualThreadsOf;
    private final MethodHandle recordingFull;
    private final MethodHandle releaseMark;
    private final boolean attached;
    private final boolean tracking;

    private AgentBridge() {
        MethodHandle take = null;
        MethodHandle markHandle = null;
        MethodHandle tasks = null;
        MethodHandle report = null;
        MethodHandle futures = null;
        MethodHandle virtualThreads = null;
        MethodHandle full = null;
        MethodHandle release = null;
        boolean on = false;
        boolean track = false;
        try {
            Class<?> hooks = Class.forName(HOOKS, false, null);
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            MethodHandle deliver = lookup.findStatic(hooks, "deliverFindings", MethodType.methodType(boolean.class));
            take = lookup.findStatic(hooks, "takeFindings", MethodType.methodType(List.class));
            markHandle = lookup.findStatic(hooks, "mark", MethodType.methodType(Object.class));
            tasks = lookup.findStatic(hooks, "tasksSince", MethodType.methodType(List.class, Object.class));
            report = lookup.findStatic(hooks, "writeReportSince",
                    MethodType.methodType(String.class, Object.class, long.class, String.class));
            futures = lookup.findStatic(hooks, "futuresOf", MethodType.methodType(List.class, Object.class, boolean.class));
            virtualThreads = lookup.findStatic(hooks, "virtualThreadsOf", MethodType.methodType(List.class, Object.class));
            full = lookup.findStatic(hooks, "recordingFull", MethodType.methodType(boolean.class));
            release = lookup.findStatic(hooks, "releaseMark", MethodType.methodType(void.class, Object.class));
            MethodHandle start = lookup.findStatic(hooks, "startTracking", MethodType.methodType(boolean.class, Object.class));
            on = (boolean) deliver.invoke();
            track = (boolean) start.invoke((Object) Runs.ROOT);
        } catch (Throwable notAttached) {
            on = false;
        }
        this.takeFindings = take;
        this.mark = markHandle;
        this.tasksSince = tasks;
        this.writeReportSince = report;
        this.futuresOf = futures;
        this.virtualThreadsOf = virtualThreads;
        this.recordingFull = full;
        this.releaseMark = release;
        this.attached = on;
        this.tracking = track;
    }

    static AgentBridge get() {
        return INSTANCE;
    }

    /** Whether the agent is attached and detecting, so blocking calls and stalls are checked. */
    boolean attached() {
        return attached;
    }

    /** Whether the agent's buffer is spent: from then on nothing new is recorded, and timelines are empty. */
    boolean recordingFull() {
        if (!attached) {
            return false;
        }
        try {
            return (boolean) recordingFull.invoke();
        } catch (Throwable t) {
            return false;
        }
    }

    /** Where the recording stands now, for {@link #tasksSince}; null without the agent. */
    Object mark() {
        if (!attached) {
            return null;
        }
        try {
            return mark.invoke();
        } catch (Throwable t) {
            return null;
        }
    }

    /** The test is done with {@code mark}: the agent may free what only it needed. */
    void releaseMark(Object mark) {
        if (!attached || mark == null) {
            return;
        }
        try {
            releaseMark.invoke(mark);
        } catch (Throwable t) {
            // nothing to do: the agent reports its own faults
        }
    }

    /** The tasks recorded since {@code mark}, as maps (see the agent's bridge.HarnessQueries). */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> tasksSince(Object since) {
        if (!attached || since == null) {
            return List.of();
        }
        try {
            return (List<Map<String, Object>>) tasksSince.invoke(since);
        } catch (Throwable t) {
            return List.of();
        }
    }

    /** Writes the HTML report of what was recorded since {@code mark}; null, or why it was not written. */
    String writeReportSince(Object since, long fromNanoTime, String htmlFile) {
        if (!attached || since == null) {
            return "the agent is not attached";
        }
        try {
            return (String) writeReportSince.invoke(since, fromNanoTime, htmlFile);
        } catch (Throwable t) {
            return t.toString();
        }
    }

    /**
     * The CompletableFutures that application code created for the test whose thread group is
     * {@code group} (or for a group inside it), as maps (see the agent's tracking.FutureTracker);
     * {@code take} makes the agent forget them. Empty without the agent.
     */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> futuresOf(ThreadGroup group, boolean take) {
        if (!tracking) {
            return List.of();
        }
        try {
            return (List<Map<String, Object>>) futuresOf.invoke((Object) group, take);
        } catch (Throwable t) {
            return List.of();
        }
    }

    /** The live virtual threads started for the test whose thread group is {@code group}; empty without the agent. */
    @SuppressWarnings("unchecked")
    List<Thread> virtualThreadsOf(ThreadGroup group) {
        if (!tracking) {
            return List.of();
        }
        try {
            return (List<Thread>) virtualThreadsOf.invoke((Object) group);
        } catch (Throwable t) {
            return List.of();
        }
    }

    /** The findings the agent made since the last call: maps with the summary JSON's keys. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> takeFindings() {
        if (!attached) {
            return List.of();
        }
        try {
            return (List<Map<String, Object>>) takeFindings.invoke();
        } catch (Throwable t) {
            return List.of();
        }
    }
}
