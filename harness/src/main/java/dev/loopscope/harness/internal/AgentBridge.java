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
    private final boolean attached;

    private AgentBridge() {
        MethodHandle take = null;
        MethodHandle markHandle = null;
        MethodHandle tasks = null;
        MethodHandle report = null;
        boolean on = false;
        try {
            Class<?> hooks = Class.forName(HOOKS, false, null);
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            MethodHandle deliver = lookup.findStatic(hooks, "deliverFindings", MethodType.methodType(boolean.class));
            take = lookup.findStatic(hooks, "takeFindings", MethodType.methodType(List.class));
            markHandle = lookup.findStatic(hooks, "mark", MethodType.methodType(Object.class));
            tasks = lookup.findStatic(hooks, "tasksSince", MethodType.methodType(List.class, Object.class));
            report = lookup.findStatic(hooks, "writeReportSince",
                    MethodType.methodType(String.class, Object.class, long.class, String.class));
            on = (boolean) deliver.invoke();
        } catch (Throwable notAttached) {
            on = false;
        }
        this.takeFindings = take;
        this.mark = markHandle;
        this.tasksSince = tasks;
        this.writeReportSince = report;
        this.attached = on;
    }

    static AgentBridge get() {
        return INSTANCE;
    }

    /** Whether the agent is attached and detecting, so blocking calls and stalls are checked. */
    boolean attached() {
        return attached;
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
