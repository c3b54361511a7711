package dev.loopscope.agent.instrument;

import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * One place in the JDK the agent hooks: a class, a method matcher, and what is applied to the
 * matching methods. {@code requiredFrom}/{@code requiredUntil} give the JDK feature versions on
 * which the method exists, so the self-check knows a missing match from an expected absence.
 */
final class HookPoint {

    final String name;
    final String typeName;
    final ElementMatcher<? super MethodDescription> methods;
    final Apply apply;
    final int requiredFrom;
    final int requiredUntil;

    /** What a hook point does to its methods. */
    interface Apply {
        AsmVisitorWrapper visitor(ElementMatcher<? super MethodDescription> methods);
    }

    HookPoint(String name, String typeName, ElementMatcher<? super MethodDescription> methods, Apply apply,
            int requiredFrom, int requiredUntil) {
        this.name = name;
        this.typeName = typeName;
        this.methods = methods;
        this.apply = apply;
        this.requiredFrom = requiredFrom;
        this.requiredUntil = requiredUntil;
    }

    boolean requiredOn(int feature) {
        return feature >= requiredFrom && feature <= requiredUntil;
    }
}
