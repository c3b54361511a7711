package dev.loopscope.agent.recorder;

import java.util.Set;

/**
 * Whether a {@code CompletableFuture} failing on a stage's thread is the stage's own future or a
 * dependent the stage is completing. A stage that completes its future then completes the
 * futures waiting on it, in the same run ({@code postComplete}, {@code postFire}): an {@code
 * allOf} or a {@code thenApply} whose source failed elsewhere fails there, and that is not the
 * stage's outcome. Its own failure comes first, straight from its {@code run}/{@code exec}, before
 * any dependent is touched; so the frames between the failing call and the stage's entry tell.
 *
 * <p>A stack walk, but only when a future fails exceptionally during a stage's run: rare, and
 * the failure itself already cost a stack trace.
 */
final class DependentCompletion {

    private static final String FUTURE = "java.util.concurrent.CompletableFuture";
    private static final Set<String> COMPLETING_DEPENDENTS = Set.of("postComplete", "postFire");
    private static final Set<String> STAGE_ENTRIES = Set.of("run", "exec");
    private static final StackWalker WALKER = StackWalker.getInstance();

    private DependentCompletion() {
    }

    /** True when the current thread is completing a dependent of its stage's future, not that future. */
    static boolean inProgress() {
        return WALKER.walk(frames -> frames
                .filter(f -> f.getClassName().startsWith(FUTURE))
                .filter(f -> isStageEntry(f.getClassName(), f.getMethodName()) || completesDependents(f.getClassName(), f.getMethodName()))
                .findFirst()
                .map(f -> completesDependents(f.getClassName(), f.getMethodName()))
                .orElse(false));
    }

    private static boolean completesDependents(String type, String method) {
        return type.equals(FUTURE) && COMPLETING_DEPENDENTS.contains(method);
    }

    /** An async stage's task: {@code AsyncSupply}, {@code AsyncRun} or a {@code Completion}, as the pool runs it. */
    private static boolean isStageEntry(String type, String method) {
        return type.startsWith(FUTURE + "$") && STAGE_ENTRIES.contains(method);
    }
}
