package dev.loopscope.agent.recorder;

import java.util.Map;

/**
 * Where the recording stood at one instant, so that a snapshot can replay only what came after
 * (the harness marks each test's start). Taking one costs a walk of the threads alive, not of
 * every thread that ever recorded: a long test suite starts thousands of threads, and a mark is
 * taken per test.
 */
public final class RecordingMark {

    /** Where each log alive at the mark had got to, by slot. */
    final Map<Integer, Long> positions;
    /** How many logs had been closed (their threads exited) when the live logs were read. */
    final long closedLogs;

    RecordingMark(Map<Integer, Long> positions, long closedLogs) {
        this.positions = positions;
        this.closedLogs = closedLogs;
    }

    /** Where the replay of {@code log} starts; -1 if it has nothing after the mark (its thread had exited). */
    long startOf(ThreadLog log) {
        Long position = positions.get(log.slot());
        if (position != null) {
            return position;
        }
        return log.closedBefore(closedLogs) ? -1L : 0L; // else new since the mark
    }
}
