package dev.loopscope.agent.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Whose wait a stack shows: the agent's own code above the application is the agent's. */
class StackFramesTest {

    @Test
    void aWaitInTheAgentsCodeBelowJdkFramesIsTheAgents() {
        StackTraceElement[] raw = {
                frame("java.util.Collections$SynchronizedCollection", "contains"),
                frame("dev.loopscope.agent.tracking.FutureTracker", "hasEnded"),
                frame("dev.loopscope.agent.bootstrap.Hooks", "futureReturned"),
                frame("java.util.concurrent.CompletableFuture", "completedFuture"),
                frame("com.acme.Handler", "respond"),
        };
        assertThat(StackFrames.inAgentCode(raw)).isTrue();
        StackTraceElement[] trimmed = StackFrames.trim(raw); // what a finding would show: blamed on the handler
        assertThat(trimmed[StackFrames.callSite(trimmed)].getClassName()).isEqualTo("com.acme.Handler");
    }

    @Test
    void aWaitOfTheApplicationsIsNotEvenWithAgentFramesFurtherDown() {
        StackTraceElement[] raw = {
                frame("java.lang.Object", "wait"),
                frame("com.acme.Cache", "load"),
                frame("dev.loopscope.agent.bootstrap.Hooks", "runTask"),
        };
        assertThat(StackFrames.inAgentCode(raw)).isFalse();
    }

    private static StackTraceElement frame(String cls, String method) {
        return new StackTraceElement(cls, method, null, -1);
    }
}
