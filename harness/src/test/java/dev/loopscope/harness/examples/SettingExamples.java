package dev.loopscope.harness.examples;

import dev.loopscope.harness.LoopscopeTest;
import dev.loopscope.harness.TestLoop;
import org.junit.jupiter.api.Test;

/** Bad {@link LoopscopeTest} values, each on the method or class HarnessTest expects to see named. */
public final class SettingExamples {

    private SettingExamples() {
    }

    @LoopscopeTest
    public static class BadStallOnMethod {
        @Test
        @LoopscopeTest(stall = "1.5s")
        void neverRuns() {
        }
    }

    /** The method's value overrides the class's good one, and is past the limit. */
    @LoopscopeTest(timeout = "5s")
    public static class TooLongTimeoutOnMethod {
        @Test
        @LoopscopeTest(timeout = "999999999h")
        void neverRuns() {
        }
    }

    @LoopscopeTest(stall = "0ms")
    public static class ZeroStallOnClass {
        @Test
        void neverRuns() {
        }
    }

    /** Inherits its superclass's bad value: the message names the superclass, where it is written. */
    public static class InheritsABadStall extends ZeroStallOnClass {
    }

    /** The configuration parameters' target: passes when they are good. */
    @LoopscopeTest
    public static class Plain {
        @Test
        void runsOnTheLoop(TestLoop loop) throws Exception {
            loop.run(() -> java.util.concurrent.CompletableFuture.completedFuture(1));
        }
    }
}
