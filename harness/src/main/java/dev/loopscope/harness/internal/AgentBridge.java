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
    private final boolean attached;

    private AgentBridge() {
        MethodHandle take = null;
        boolean on = false;
        try {
            Class<?> hooks = Class.forName(HOOKS, false, null);
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            MethodHandle deliver = lookup.findStatic(hooks, "deliverFindings", MethodType.methodType(boolean.class));
            take = lookup.findStatic(hooks, "takeFindings", MethodType.methodType(List.class));
            on = (boolean) deliver.invoke();
        } catch (Throwable notAttached) {
            take = null;
        }
        this.takeFindings = take;
        this.attached = on && take != null;
    }

    static AgentBridge get() {
        return INSTANCE;
    }

    /** Whether the agent is attached and detecting, so blocking calls and stalls are checked. */
    boolean attached() {
        return attached;
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
