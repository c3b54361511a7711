package dev.loopscope.harness.internal;

/** A wait on the test loop ran past the test's timeout; the message lists what is pending on the loop. */
public final class LoopTimeoutException extends AssertionError {

    private static final long serialVersionUID = 1L;

    LoopTimeoutException(String what, LoopEngine engine) {
        super(what + PendingReport.ofLoop(engine));
    }
}
