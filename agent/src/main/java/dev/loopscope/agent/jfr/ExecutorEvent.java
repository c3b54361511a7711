package dev.loopscope.agent.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Period;
import jdk.jfr.StackTrace;

/**
 * An executor the agent has seen. Emitted when it is first seen or named, when a recording starts,
 * and at the beginning of every chunk, so that any chunk a rolling recording keeps names its
 * executors.
 */
@Name(EventNames.EXECUTOR)
@Label("Executor")
@Category("Loopscope")
@Description("An executor whose tasks Loopscope records; task events refer to it by its id")
@Period("beginChunk")
@StackTrace(false)
final class ExecutorEvent extends Event {

    @Label("Executor Id")
    @Description("The id task submissions refer to; 1 stands for Thread.start, 0 for an unknown pool")
    int executorId;

    @Label("Executor Class")
    String executorClass;

    @Label("Identity Hash")
    @Description("System.identityHashCode of the executor object")
    int identityHash;

    @Label("Name")
    @Description("The name given with Loopscope.name(...), if any")
    String userName;
}
