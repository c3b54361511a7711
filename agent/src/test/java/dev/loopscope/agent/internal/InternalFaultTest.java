package dev.loopscope.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InternalFaultTest {

    @Test
    void theLineNamesThePartTheAgentsFrameNearestTheFaultAndTheFaultOnOneLine() {
        IllegalStateException fault = new IllegalStateException("bad\n  state\r\nhere");
        fault.setStackTrace(new StackTraceElement[] {
            new StackTraceElement("java.util.HashMap", "get", "HashMap.java", 10),
            new StackTraceElement("dev.loopscope.agent.recorder.Recorder", "write", "Recorder.java", 42),
            new StackTraceElement("com.acme.App", "main", "App.java", 7),
        });
        assertThat(InternalFault.describe("submit hook", "recording stopped", fault)).isEqualTo(
                "internal fault in the submit hook (at dev.loopscope.agent.recorder.Recorder.write(Recorder.java:42)); "
                        + "recording stopped; the application is unaffected: java.lang.IllegalStateException: bad state here");
    }

    @Test
    void withoutAnAgentFrameTheTopFrameIsNamedAndALongMessageIsClipped() {
        RuntimeException fault = new RuntimeException("x".repeat(1000));
        fault.setStackTrace(new StackTraceElement[] {new StackTraceElement("java.lang.Thread", "run", "Thread.java", 1)});
        String line = InternalFault.describe("watchdog", "it stopped", fault);
        assertThat(line).startsWith("internal fault in the watchdog (at java.lang.Thread.run(Thread.java:1)); it stopped; ")
                .endsWith("x…").doesNotContain("\n");
        assertThat(line.substring(line.indexOf("unaffected: ") + "unaffected: ".length())).hasSize(300);
    }

    @Test
    void unknownFaultNamesAreLeftOutAndKnownOnesKept() {
        assertThat(FaultInjection.parse(" Recorder, bogus,writer ")).containsExactly("recorder", "writer");
        assertThat(FaultInjection.parse(null)).isEmpty();
    }
}
