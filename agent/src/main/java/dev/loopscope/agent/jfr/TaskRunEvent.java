package dev.loopscope.agent.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * One run of a task, as a duration event: begun when the task starts and committed when it ends,
 * so JMC draws it on the thread's lane. The explicit nanoTime fields are what a replay uses.
 */
@Name(EventNames.TASK_RUN)
@Label("Task Run")
@Category("Loopscope")
@Description("A task ran on this thread (a thread running its own run() is one task)")
@StackTrace(false)
final class TaskRunEvent extends Event {

    @Label("Ref")
    @Description("Loopscope's id of this run; submissions made during it name it as their parent")
    long ref;

    @Label("Task Identity Hash")
    @Description("System.identityHashCode of the task object; ties the run to its submission")
    int identityHash;

    @Label("Thread Run")
    @Description("A thread running its own run(), from Thread.start to exit")
    boolean threadRun;

    @Label("Start nanoTime")
    @Description("System.nanoTime() when the run started")
    long startNanos;

    @Label("End nanoTime")
    @Description("System.nanoTime() when the run ended")
    long endNanos;

    @Label("Failure Class")
    @Description("Class of the exception the task ended with, if it failed")
    String failureClass;

    @Label("Failure Message")
    String failureMessage;

    @Label("Daemon Thread")
    @Description("Whether the thread that ran the task is a daemon thread")
    boolean daemon;
}
