package dev.loopscope.agent.jfr;

import dev.loopscope.agent.recorder.ExecutorInfo;
import java.util.Collection;
import java.util.function.Supplier;
import jdk.jfr.FlightRecorder;
import jdk.jfr.FlightRecorderListener;
import jdk.jfr.Recording;
import jdk.jfr.RecordingState;

/**
 * Keeps {@link JfrTap#active()} equal to "some JFR recording is running", and makes sure every
 * recording sees the executors registered before it started.
 */
final class RecordingWatch implements FlightRecorderListener {

    private final Supplier<? extends Collection<ExecutorInfo>> executors;
    private boolean prepared;

    private RecordingWatch(Supplier<? extends Collection<ExecutorInfo>> executors) {
        this.executors = executors;
    }

    /**
     * {@code FlightRecorder.addListener} does not start JFR; {@code getFlightRecorder()} would, so
     * it is called only once JFR is initialized. That is the case exactly when some recording was
     * created, and a recording started before this listener existed (-XX:StartFlightRecording, or
     * jcmd JFR.start before an attach) reports no state change to it: hence the one check here.
     */
    static void install(Supplier<? extends Collection<ExecutorInfo>> executors) {
        RecordingWatch watch = new RecordingWatch(executors);
        FlightRecorder.addListener(watch);
        if (FlightRecorder.isInitialized()) {
            watch.update(true);
        }
    }

    @Override
    public void recordingStateChanged(Recording recording) {
        update(recording.getState() == RecordingState.RUNNING);
    }

    /** Recomputes from all recordings, so overlapping recordings and missed transitions both work out. */
    private synchronized void update(boolean started) {
        boolean running = false;
        for (Recording r : FlightRecorder.getFlightRecorder().getRecordings()) {
            running |= r.getState() == RecordingState.RUNNING;
        }
        if (running && !prepared) {
            prepared = true;
            JfrEvents.prepare(this::emitExecutors);
        }
        JfrTap.setActive(running);
        // After the switch: an executor registered meanwhile is emitted here, by its registration,
        // or by both (a duplicate the replay merges), never by neither.
        if (running && started) {
            emitExecutors();
        }
    }

    /**
     * All executors known so far. Run when a recording starts and, as the periodic hook of {@link
     * ExecutorEvent}, at the beginning of every chunk: a rolling recording (maxage, maxsize) drops
     * old chunks, and each chunk it keeps must still name its executors.
     */
    private void emitExecutors() {
        for (ExecutorInfo e : executors.get()) {
            JfrEvents.executor(e.id(), e.className(), e.identityHash(), e.userName());
        }
    }
}
