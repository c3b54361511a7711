package dev.loopscope.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.not;

import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.utility.JavaModule;

/**
 * Installs the hook points and checks that each took effect. The target classes are loaded
 * first, so they are retransformed during installation and the check is complete when {@link
 * #install} returns.
 */
public final class Instrumenter {

    private Instrumenter() {
    }

    /** What installation found: hook points applied, and those that should have been but were not. */
    public static final class Result {
        public final List<String> installed;
        public final List<String> missing;
        public final List<String> errors;

        Result(List<String> installed, List<String> missing, List<String> errors) {
            this.installed = installed;
            this.missing = missing;
            this.errors = errors;
        }
    }

    public static Result install(Instrumentation inst) {
        int feature = Runtime.version().feature();
        List<HookPoint> points = HookPoints.all();
        Set<String> matched = ConcurrentHashMap.newKeySet();
        List<String> errors = new ArrayList<>();

        Map<String, List<HookPoint>> byType = new LinkedHashMap<>();
        for (HookPoint p : points) {
            byType.computeIfAbsent(p.typeName, k -> new ArrayList<>()).add(p);
        }
        for (String type : byType.keySet()) {
            try {
                Class.forName(type, false, null);
            } catch (ClassNotFoundException e) {
                // not on this JDK (java.lang.VirtualThread before 21): its hook points are not required there
            } catch (Throwable e) {
                errors.add(type + ": " + e);
            }
        }

        // Byte Buddy's nexus (type initializers for generated classes) is not needed, and setting
        // it up touches sun.misc.Unsafe, which JDK 24+ warns about on stderr. The property name is
        // the relocated one, so only the agent's own copy of Byte Buddy reads it.
        System.setProperty(net.bytebuddy.dynamic.Nexus.PROPERTY, "true");
        AgentBuilder builder = new AgentBuilder.Default()
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
                .with(AgentBuilder.TypeStrategy.Default.REDEFINE)
                .ignore(not(nameStartsWith("java.")))
                .with(new AgentBuilder.Listener.Adapter() {
                    @Override
                    public void onError(String typeName, ClassLoader classLoader, JavaModule module, boolean loaded,
                            Throwable throwable) {
                        synchronized (errors) {
                            errors.add(typeName + ": " + throwable);
                        }
                    }
                });
        for (Map.Entry<String, List<HookPoint>> e : byType.entrySet()) {
            List<HookPoint> typePoints = e.getValue();
            builder = builder.type(named(e.getKey())).transform(new AgentBuilder.Transformer() {
                @Override
                public DynamicType.Builder<?> transform(DynamicType.Builder<?> b, TypeDescription type,
                        ClassLoader loader, JavaModule module, java.security.ProtectionDomain domain) {
                    for (HookPoint p : typePoints) {
                        b = b.visit(p.apply.visitor(recording(p, matched)));
                    }
                    return b;
                }
            });
        }
        builder.installOn(inst);

        List<String> installed = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (HookPoint p : points) {
            if (matched.contains(p.name)) {
                installed.add(p.name);
            } else if (p.requiredOn(feature)) {
                missing.add(p.name);
            }
        }
        return new Result(installed, missing, errors);
    }

    /** The hook point's method matcher, noting when it matches so the self-check can tell. */
    private static ElementMatcher<MethodDescription> recording(HookPoint p, Set<String> matched) {
        return method -> {
            boolean m = p.methods.matches(method);
            if (m) {
                matched.add(p.name);
            }
            return m;
        };
    }
}
