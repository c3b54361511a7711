package dev.loopscope.harness.internal;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.extension.InvocationInterceptor;

/**
 * Runs a test method on a thread of its own, in the test's thread group, and waits at most the
 * test's timeout. Past it, the test fails with what is pending; its thread is interrupted, and
 * abandoned if it ignores that, so one hung test never hangs the build.
 */
final class TimeoutInvoker {

    /** Timeouts pause under a debugger: a breakpoint is not a hang. */
    private static final boolean DEBUGGING = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
            .anyMatch(a -> a.startsWith("-agentlib:jdwp") || a.startsWith("-Xrunjdwp"));
    private static final long ABANDON_AFTER_MILLIS = 1_000;

    private TimeoutInvoker() {
    }

    static void run(InvocationInterceptor.Invocation<Void> invocation, TestRun run) throws Throwable {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = new Thread(run.group, () -> {
            try {
                invocation.proceed();
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "loopscope-test-" + run.displayName);
        thread.setDaemon(true);
        thread.start();
        long timeoutMillis = run.settings.timeout.toMillis();
        if (DEBUGGING) {
            thread.join();
        } else {
            thread.join(timeoutMillis);
        }
        if (thread.isAlive()) {
            String pending = PendingReport.ofRun(run, thread);
            thread.interrupt();
            thread.join(ABANDON_AFTER_MILLIS);
            throw new AssertionError("test timed out after " + Durations.format(run.settings.timeout)
                    + (thread.isAlive() ? " (its thread ignored the interrupt and was abandoned)" : "") + pending);
        }
        Throwable t = failure.get();
        if (t != null) {
            throw t;
        }
    }
}
