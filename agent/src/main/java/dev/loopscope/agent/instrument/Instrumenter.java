package dev.loopscope.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;

import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.scaffold.MethodGraph;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
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

    /** @param blocking whether to hook the blocking APIs too (detection is on) */
    public static Result install(Instrumentation inst, boolean blocking) {
        int feature = Runtime.version().feature();
        // First, while no blocking hook is live yet: its classes load from the agent's jar.
        List<String> nativeCallSites = blocking ? NativeCallSites.installIfNeeded(inst) : List.of();
        List<HookPoint> points = new ArrayList<>(HookPoints.all());
        points.addAll(FutureHookPoints.all());
        if (blocking) {
            points.addAll(BlockingHookPoints.all(feature));
        }
        Set<String> matched = ConcurrentHashMap.newKeySet();
        Set<String> rejected = ConcurrentHashMap.newKeySet(); // classes the JVM refused to retransform
        List<String> errors = new ArrayList<>();

        Map<String, List<HookPoint>> byType = new LinkedHashMap<>();
        for (HookPoint p : points) {
            byType.computeIfAbsent(p.typeName, k -> new ArrayList<>()).add(p);
        }
        Module hooks = dev.loopscope.agent.bootstrap.Hooks.class.getModule();
        for (String type : byType.keySet()) {
            // Loaded now, so that it is retransformed during installation; null when not on this
            // JDK (java.lang.VirtualThread before 21): its hook points are not required there.
            Class<?> c = JdkClasses.find(type);
            if (c != null && c.getModule().isNamed() && !c.getModule().canRead(hooks)) {
                // advice in, say, java.net.http calls the bridge in the boot loader's unnamed module
                inst.redefineModule(c.getModule(), Set.of(hooks), Map.of(), Map.of(), Set.of(), Map.of());
            }
        }

        // Byte Buddy's nexus (type initializers for generated classes) is not needed, and setting
        // it up touches sun.misc.Unsafe, which JDK 24+ warns about on stderr. The property name is
        // the relocated one, so only the agent's own copy of Byte Buddy reads it.
        System.setProperty(net.bytebuddy.dynamic.Nexus.PROPERTY, "true");
        // Only advice is inlined into methods the classes declare: Byte Buddy need not validate the
        // types again nor resolve their inherited methods, and disableClassFormatChanges already
        // chose the frozen redefinition (nothing is added to a class). Same bytecode, ~30% less
        // start-up.
        AgentBuilder builder = new AgentBuilder.Default(new ByteBuddy()
                        .with(TypeValidation.DISABLED)
                        .with(MethodGraph.Compiler.ForDeclaredMethods.INSTANCE))
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                // All classes are retransformed in one batch, and the JVM rejects a batch whole when
                // one class in it cannot be: another agent that added an interface to a class when
                // it loaded (the OpenTelemetry agent does) and does not add it again when the class is
                // retransformed makes the JVM refuse that class ("attempted to change superclass or
                // interfaces"). A rejected batch is split and retried, so only that class's hooks are
                // missing, and the self-check names it.
                .with(AgentBuilder.RedefinitionStrategy.Listener.BatchReallocator.splitting())
                .with(new AgentBuilder.RedefinitionStrategy.Listener.Adapter() {
                    @Override
                    public Iterable<? extends List<Class<?>>> onError(int index, List<Class<?>> batch, Throwable throwable,
                            List<Class<?>> types) {
                        if (batch.size() == 1) {
                            rejected.add(batch.get(0).getName());
                            synchronized (errors) {
                                errors.add(batch.get(0).getName() + " cannot be retransformed (" + throwable.getMessage()
                                        + "; attach Loopscope before the agent that changed the class)");
                            }
                        }
                        return List.of();
                    }
                })
                .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
                .ignore(not(namedOneOf(byType.keySet().toArray(new String[0]))))
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

        List<String> installed = new ArrayList<>(nativeCallSites);
        List<String> missing = new ArrayList<>();
        for (HookPoint p : points) {
            if (matched.contains(p.name) && !rejected.contains(p.typeName)) {
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
