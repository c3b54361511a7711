package dev.loopscope.agent.timeline;

import java.util.Map;

/**
 * What a task is called in reports: the class of the submitted object, made readable. Lambdas
 * lose their generated suffix, and CompletableFuture's internal classes are named by the method
 * that creates them ({@code CompletableFuture$UniApply} is {@code thenApplyAsync}).
 */
final class TaskNames {

    private static final String CF = "java.util.concurrent.CompletableFuture$";
    private static final Map<String, String> STAGES = Map.ofEntries(
            Map.entry("AsyncSupply", "supplyAsync"), Map.entry("AsyncRun", "runAsync"),
            Map.entry("UniApply", "thenApplyAsync"), Map.entry("UniAccept", "thenAcceptAsync"),
            Map.entry("UniRun", "thenRunAsync"), Map.entry("UniWhenComplete", "whenCompleteAsync"),
            Map.entry("UniHandle", "handleAsync"), Map.entry("UniExceptionally", "exceptionallyAsync"),
            Map.entry("UniComposeExceptionally", "exceptionallyComposeAsync"),
            Map.entry("UniCompose", "thenComposeAsync"), Map.entry("UniRelay", "relay"),
            Map.entry("BiApply", "thenCombineAsync"), Map.entry("BiAccept", "thenAcceptBothAsync"),
            Map.entry("BiRun", "runAfterBothAsync"), Map.entry("OrApply", "applyToEitherAsync"),
            Map.entry("OrAccept", "acceptEitherAsync"), Map.entry("OrRun", "runAfterEitherAsync"),
            Map.entry("Timeout", "orTimeout (timer)"), Map.entry("Canceller", "completeOnTimeout (cancel)"),
            Map.entry("TaskSubmitter", "delayedExecutor"));

    private TaskNames() {
    }

    static String display(String className, boolean thread) {
        if (className == null) {
            return thread ? "Thread" : "(unknown task)";
        }
        if (className.startsWith(CF)) {
            String inner = className.substring(CF.length());
            String stage = STAGES.get(inner);
            return "CompletableFuture." + (stage != null ? stage : inner);
        }
        String name = className;
        int lambda = name.indexOf("$$Lambda");
        if (lambda >= 0) {
            name = name.substring(0, lambda) + "$$Lambda";
        }
        int slash = name.indexOf('/');
        if (slash >= 0) {
            name = name.substring(0, slash);
        }
        if (name.startsWith("java.util.concurrent.") || name.startsWith("java.lang.")) {
            name = name.substring(name.lastIndexOf('.') + 1);
        }
        return name;
    }
}
