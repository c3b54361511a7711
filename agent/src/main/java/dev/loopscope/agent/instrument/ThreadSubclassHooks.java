package dev.loopscope.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import java.lang.instrument.Instrumentation;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;

/**
 * Hooks the {@code run()} of application {@code Thread} subclasses, on demand: a subclass that
 * overrides {@code run()} never reaches {@code Thread.run()}, so its threads would never be seen
 * running. When the recorder sees the first start of such a class, its {@code run()} is
 * retransformed, before the new thread begins, so that every thread of the class is seen. Only
 * those classes are transformed; every other class is passed over by name.
 */
public final class ThreadSubclassHooks {

    private final Instrumentation inst;
    private final Set<String> hooked = ConcurrentHashMap.newKeySet();

    private ThreadSubclassHooks(Instrumentation inst) {
        this.inst = inst;
    }

    public static ThreadSubclassHooks install(Instrumentation inst) {
        ThreadSubclassHooks hooks = new ThreadSubclassHooks(inst);
        new AgentBuilder.Default()
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
                .with(AgentBuilder.TypeStrategy.Default.REDEFINE)
                // Only classes named in hooked are ever transformed; the JDK's own are hooked elsewhere.
                .ignore(nameStartsWith("java.").or(nameStartsWith("jdk.")).or(nameStartsWith("sun."))
                        .or(nameStartsWith("dev.loopscope.shaded.")))
                .type(type -> hooks.hooked.contains(type.getName()))
                .transform((builder, type, loader, module, domain) -> builder.visit(
                        Advice.to(ThreadRunAdvice.class).on(named("run").and(takesArguments(0)))))
                .installOn(inst);
        return hooks;
    }

    /** Called at the first start of a thread of class {@code type}. Never throws. */
    public void threadClassStarting(Class<?> type) {
        try {
            Class<?> declaring = runDeclaredBy(type);
            if (declaring == null || declaring.getName().startsWith("java.") || !inst.isModifiableClass(declaring)
                    || !hooked.add(declaring.getName())) {
                return;
            }
            inst.retransformClasses(declaring);
        } catch (Throwable e) {
            // That class's threads stay unseen while running; the application is unaffected.
        }
    }

    /** The class whose {@code run()} a thread of {@code type} runs, or null if it is Thread's own. */
    private static Class<?> runDeclaredBy(Class<?> type) {
        for (Class<?> c = type; c != null && c != Thread.class; c = c.getSuperclass()) {
            try {
                c.getDeclaredMethod("run");
                return c;
            } catch (NoSuchMethodException notHere) {
                // look further up
            }
        }
        return null;
    }
}
