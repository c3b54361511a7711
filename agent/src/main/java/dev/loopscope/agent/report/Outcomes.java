package dev.loopscope.agent.report;

import dev.loopscope.agent.recorder.Failure;
import dev.loopscope.agent.timeline.Timeline;

/** The one wording of a task's outcome, shared by the reports. */
public final class Outcomes {

    private Outcomes() {
    }

    /** normal, running, not started, rejected, or the failure as "class: message". */
    public static String describe(Timeline t, int task) {
        if (t.isRejected(task)) {
            return "rejected";
        }
        if (!t.hasStarted(task)) {
            return "not started";
        }
        if (!t.hasEnded(task)) {
            return "running";
        }
        Failure f = t.failure(task);
        if (f == null) {
            return "normal";
        }
        return f.message() == null ? f.className() : f.className() + ": " + f.message();
    }
}
