package dev.loopscope.agent.recorder;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.FutureTask;

/**
 * The class a task is named after. {@code submit}, {@code invokeAll} and {@code schedule} wrap
 * the application's callable or runnable in a JDK {@code FutureTask}; the report names the task
 * after what the application wrote, read from the wrapper's private fields when the agent has
 * opened {@code java.util.concurrent} to itself, else after the wrapper.
 */
final class TaskClasses {

    private static final VarHandle CALLABLE;
    private static final Class<?> RUNNABLE_ADAPTER;
    private static final VarHandle ADAPTED_TASK;

    static {
        VarHandle callable = null;
        Class<?> adapter = null;
        VarHandle adapted = null;
        try {
            callable = MethodHandles.privateLookupIn(FutureTask.class, MethodHandles.lookup())
                    .findVarHandle(FutureTask.class, "callable", java.util.concurrent.Callable.class);
            adapter = Class.forName("java.util.concurrent.Executors$RunnableAdapter");
            adapted = MethodHandles.privateLookupIn(adapter, MethodHandles.lookup()).findVarHandle(adapter, "task", Runnable.class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            callable = null; // not opened: tasks are named after their wrapper
        }
        CALLABLE = callable;
        RUNNABLE_ADAPTER = adapter;
        ADAPTED_TASK = adapted;
    }

    private TaskClasses() {
    }

    static Class<?> of(Object task) {
        // Wrappers nest: invokeAny's ExecutorCompletionService wraps a FutureTask in another.
        for (int depth = 0; depth < 4 && isJdkFutureTask(task); depth++) {
            Object inner = CALLABLE.get(task);
            if (inner != null && inner.getClass() == RUNNABLE_ADAPTER && ADAPTED_TASK != null) {
                inner = ADAPTED_TASK.get(inner);
            }
            if (inner == null) {
                break;
            }
            task = inner;
        }
        return task.getClass();
    }

    private static boolean isJdkFutureTask(Object task) {
        return CALLABLE != null && task instanceof FutureTask && task.getClass().getName().startsWith("java.util.concurrent.");
    }
}
