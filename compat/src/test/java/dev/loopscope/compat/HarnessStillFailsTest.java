package dev.loopscope.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.loopscope.compat.examples.SleepOnTheLoopExample;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/** A test that sleeps on its loop still fails, with the call and its call site, alone and in the crowd. */
class HarnessStillFailsTest {

    @Test
    void aSleepOnTheLoopFailsTheTest() {
        Events tests = EngineTestKit.engine("junit-jupiter").selectors(selectClass(SleepOnTheLoopExample.class))
                .execute().testEvents();
        assertThat(tests.started().count()).isEqualTo(1);
        List<String> failures = tests.failed().stream()
                .map(e -> e.getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable)
                        .map(Throwable::getMessage).orElse("failed without a throwable"))
                .collect(Collectors.toList());
        assertThat(failures).hasSize(1);
        assertThat(failures.get(0)).startsWith("Loopscope found 1 problem in the test")
                .contains("blocking call Thread.sleep on loop thread 'loopscope-test-loop-",
                        "at dev.loopscope.compat.Mistakes.lambda$sleepOnTheLoop$");
    }
}
