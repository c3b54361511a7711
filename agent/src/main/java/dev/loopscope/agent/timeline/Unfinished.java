package dev.loopscope.agent.timeline;

/**
 * The work still in flight when the recording was taken: tasks that had started and not ended,
 * and tasks that were due to start but had not. At exit these are what {@code System.exit}, an
 * uncaught exception on main or busy daemon threads cut short; the reports mark themselves
 * partial when there are any (see {@link TimelineBuilder#partialWhenUnfinished()}).
 *
 * <p>A platform thread's own life is left out: pool workers and service threads are alive at
 * every exit, and their runs are what is counted. Also left out of the queued: rejected tasks
 * (never queued) and scheduled tasks that never started, since the agent does not see a timer
 * being cancelled, and {@code orTimeout} cancels one each time its future completes in time.
 *
 * <p>Once events were dropped, queued tasks cannot be counted: a task whose run was dropped
 * looks like one that never ran. {@link #queued} is then -1. Running tasks still count (a run
 * recorded at its start always gets its end), so {@link #running} is a lower bound then.
 */
public final class Unfinished {

    public static final Unfinished NONE = new Unfinished(0, 0);

    /** Started and not ended. */
    public final int running;
    /** Submitted (not scheduled) and never started; -1 (unknown) when events were dropped. */
    public final int queued;

    private Unfinished(int running, int queued) {
        this.running = running;
        this.queued = queued;
    }

    public boolean any() {
        return running > 0 || queued > 0;
    }

    /** Counts over the builder's columns. */
    static Unfinished count(int tasks, byte[] flags, long[] start, long[] end, boolean eventsDropped) {
        int running = 0;
        int queued = 0;
        for (int i = 0; i < tasks; i++) {
            boolean platformThread = (flags[i] & Timeline.FLAG_THREAD) != 0 && (flags[i] & Timeline.FLAG_VIRTUAL) == 0;
            if (platformThread || (flags[i] & Timeline.FLAG_REJECTED) != 0) {
                continue;
            }
            if (start[i] >= 0) {
                if (end[i] < 0) {
                    running++;
                }
            } else if ((flags[i] & Timeline.FLAG_SCHEDULED) == 0) {
                queued++;
            }
        }
        if (eventsDropped) {
            queued = -1;
        }
        return running == 0 && queued == 0 ? NONE : new Unfinished(running, queued);
    }
}
