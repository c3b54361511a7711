package dev.loopscope.agent.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** The executor refused a submission (its {@code execute} threw). */
@Name(EventNames.TASK_REJECTED)
@Label("Task Rejected")
@Category("Loopscope")
@Description("An executor rejected the task of a loopscope.TaskSubmit event")
@StackTrace(false)
final class TaskRejectedEvent extends Event {

    @Label("Submit Ref")
    @Description("Ref of the rejected loopscope.TaskSubmit event")
    long ref;
}
