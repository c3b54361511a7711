package dev.loopscope.agent.it.workloads;

/** Waiting for a pool worker to have finished its last task, run event included. */
final class WorkerIdle {

    private WorkerIdle() {
    }

    /**
     * Returns once {@code worker} waits for its next task: the agent ends a run (and commits its JFR
     * event) before the worker asks its queue again, and the workloads' tasks never wait themselves.
     */
    static void await(Thread worker) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (worker.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
    }
}
