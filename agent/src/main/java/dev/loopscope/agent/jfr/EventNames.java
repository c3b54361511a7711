package dev.loopscope.agent.jfr;

/** The JFR names of Loopscope's events: written by the event classes, read back by {@link JfrReplay}. */
final class EventNames {

    static final String EXECUTOR = "loopscope.Executor";
    static final String TASK_SUBMIT = "loopscope.TaskSubmit";
    static final String TASK_REJECTED = "loopscope.TaskRejected";
    static final String TASK_RUN = "loopscope.TaskRun";

    private EventNames() {
    }
}
