package dev.loopscope.agent.instrument;

import java.lang.instrument.Instrumentation;
import java.util.Map;
import java.util.Set;

/**
 * Opens the few JDK packages whose private state the recorder reads (a scheduled task's planned
 * start, the virtual-thread scheduler) to the agent's own module, and to nobody else; and exports
 * {@code jdk.internal.misc} for its carrier-thread locals.
 */
public final class JdkAccess {

    private static final String[] PACKAGES = {"java.util.concurrent", "java.lang"};

    private JdkAccess() {
    }

    public static void open(Instrumentation inst) {
        Module agent = JdkAccess.class.getModule();
        Map<String, Set<Module>> opens = new java.util.HashMap<>();
        for (String p : PACKAGES) {
            opens.put(p, Set.of(agent));
        }
        inst.redefineModule(Object.class.getModule(), Set.of(), Map.of("jdk.internal.misc", Set.of(agent)), opens,
                Set.of(), Map.of());
    }
}
