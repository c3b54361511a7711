package dev.loopscope.agent.jfr;

import dev.loopscope.agent.recorder.Failure;
import jdk.jfr.FlightRecorder;

/**
 * Creates and commits the {@code loopscope.*} events. Only {@link JfrTap} calls it, and only while a
 * recording runs, so this class (and jdk.jfr with it) is never loaded in a JVM that records nothing.
 */
final class JfrEvents {

    private JfrEvents() {
    }

    /**
     * Registers the event classes up front, on the thread that saw a recording start: otherwise the
     * first commit would register them inside a hook, in the middle of an application's submit.
     */
    static void prepare(Runnable emitExecutors) {
        FlightRecorder.register(ExecutorEvent.class);
        FlightRecorder.register(TaskSubmitEvent.class);
        FlightRecorder.register(TaskRejectedEvent.class);
        FlightRecorder.register(TaskRunEvent.class);
        FlightRecorder.addPeriodicEvent(ExecutorEvent.class, emitExecutors);
    }

    static void executor(int executorId, String className, int identityHash, String userName) {
        ExecutorEvent e = new ExecutorEvent();
        e.executorId = executorId;
        e.executorClass = className;
        e.identityHash = identityHash;
        e.userName = userName;
        e.commit();
    }

    static void submitted(long ref, int hash, long time, long parentRef, int executorId, String taskClass,
            long planned) {
        TaskSubmitEvent e = new TaskSubmitEvent();
        e.ref = ref;
        e.identityHash = hash;
        e.submitNanos = time;
        e.parentRef = parentRef;
        e.executorId = executorId;
        e.taskClass = taskClass;
        e.plannedNanos = planned;
        e.daemon = Thread.currentThread().isDaemon();
        e.commit();
    }

    static void rejected(long ref) {
        TaskRejectedEvent e = new TaskRejectedEvent();
        e.ref = ref;
        e.commit();
    }

    /** Begins the run's duration event; null when the event is disabled in the recording's settings. */
    static Object runStarted(long ref, int hash, boolean threadRun, long start) {
        TaskRunEvent e = new TaskRunEvent();
        if (!e.isEnabled()) {
            return null;
        }
        e.begin();
        e.ref = ref;
        e.identityHash = hash;
        e.threadRun = threadRun;
        e.startNanos = start;
        e.daemon = Thread.currentThread().isDaemon();
        return e;
    }

    static void runEnded(Object handle, long end, Failure failure) {
        TaskRunEvent e = (TaskRunEvent) handle;
        e.end();
        e.endNanos = end;
        if (failure != null) {
            e.failureClass = failure.className();
            e.failureMessage = failure.message();
        }
        e.commit();
    }
}
