package dev.loopscope.agent.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * A task handed to an executor (or a thread started). Times are {@code System.nanoTime()} values,
 * not JFR timestamps, so a replay lines them up exactly with the runs.
 */
@Name(EventNames.TASK_SUBMIT)
@Label("Task Submitted")
@Category("Loopscope")
@Description("A task was handed to an executor, or a thread was started")
@StackTrace(false)
final class TaskSubmitEvent extends Event {

    @Label("Ref")
    @Description("Loopscope's id of this submission")
    long ref;

    @Label("Task Identity Hash")
    @Description("System.identityHashCode of the task object; ties the submission to its run")
    int identityHash;

    @Label("Submit nanoTime")
    @Description("System.nanoTime() when the task was submitted")
    long submitNanos;

    @Label("Parent Run Ref")
    @Description("Ref of the task run during which this task was submitted, or 0")
    long parentRef;

    @Label("Executor Id")
    @Description("Refers to a loopscope.Executor event")
    int executorId;

    @Label("Task Class")
    String taskClass;

    @Label("Planned nanoTime")
    @Description("System.nanoTime() at which a scheduled task is due to start, or 0 when not scheduled")
    long plannedNanos;

    @Label("Daemon Thread")
    @Description("Whether the submitting thread is a daemon thread")
    boolean daemon;
}
