package dev.loopscope.agent.it.workloads;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Thread factory giving pool threads a known stem, so tests know the executor's derived name. */
final class NamedThreads implements ThreadFactory {

    private final String stem;
    private final AtomicInteger next = new AtomicInteger(1);

    NamedThreads(String stem) {
        this.stem = stem;
    }

    @Override
    public Thread newThread(Runnable r) {
        return new Thread(r, stem + "-" + next.getAndIncrement());
    }
}
