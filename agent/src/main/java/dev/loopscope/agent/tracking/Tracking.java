package dev.loopscope.agent.tracking;

import dev.loopscope.agent.bootstrap.Tracker;
import java.util.List;
import java.util.Map;

/** The agent's tracker: origins of work and the futures of tests, for the harness (see the package). */
public final class Tracking extends Tracker {

    private final Origins origins;
    private final FutureTracker futures;

    public Tracking() {
        this.origins = new Origins();
        this.futures = new FutureTracker(origins);
    }

    @Override
    public boolean start(Object rootGroup) {
        if (!(rootGroup instanceof ThreadGroup)) {
            return false;
        }
        origins.rootIs((ThreadGroup) rootGroup);
        return true;
    }

    @Override
    public void taskSubmitted(Object task) {
        origins.taskSubmitted(task);
    }

    @Override
    public void taskStarting(Object task) {
        origins.taskStarting(task);
    }

    @Override
    public void taskEnded(Object task) {
        origins.taskEnded(task);
    }

    @Override
    public void threadStarting(Thread thread) {
        origins.threadStarting(thread);
    }

    @Override
    public Object currentOrigin() {
        return origins.current();
    }

    @Override
    public void futureReturned(Object future) {
        futures.returned(future);
    }

    @Override
    public void futureConstructed(Object future) {
        futures.constructed(future);
    }

    @Override
    public void futureObserved(Object future, boolean consumed) {
        futures.observed(future, consumed);
    }

    @Override
    public void futureInternal(boolean enter) {
        futures.internal(enter);
    }

    @Override
    public List<Map<String, Object>> futuresOf(Object group, boolean take) {
        return group instanceof ThreadGroup ? futures.of((ThreadGroup) group, take) : List.of();
    }

    @Override
    public List<Thread> virtualThreadsOf(Object group) {
        return group instanceof ThreadGroup ? origins.virtualThreadsOf((ThreadGroup) group) : List.of();
    }
}
