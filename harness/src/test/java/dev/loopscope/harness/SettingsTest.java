package dev.loopscope.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.loopscope.harness.examples.LoopExamples;
import dev.loopscope.harness.examples.SettingExamples;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * Bad settings, wherever they are written: each fails with one message naming the setting, where
 * it came from (the annotation on a method or class, or the configuration parameter) and what is
 * valid; a mistyped {@code loopscope.} key fails too, naming the keys the harness reads.
 */
class SettingsTest {

    private static final String DURATION = "expected a positive duration such as 10s, 250ms, 2m or 1h, at most ";
    private static final String KEYS = "loopscope.timeout, loopscope.blocking, loopscope.stall, loopscope.loopScope, loopscope.reports";

    @TempDir
    Path dir;

    private static String parameter(String key) {
        return "configuration parameter " + key + " (junit-platform.properties, -D" + key + " or the launcher's configuration)";
    }

    @ParameterizedTest
    @CsvSource(delimiterString = "=>", value = {
        "loopscope.timeout   | ten seconds => timeout  | " + DURATION + "24h",
        "loopscope.timeout   | 0s          => timeout  | " + DURATION + "24h",
        "loopscope.timeout   | 25h         => timeout  | " + DURATION + "24h",
        "loopscope.timeout   | -1s         => timeout  | " + DURATION + "24h",
        "loopscope.timeout   | ''          => timeout  | " + DURATION + "24h",
        "loopscope.stall     | fast        => stall    | " + DURATION + "1h",
        "loopscope.stall     | 2h          => stall    | " + DURATION + "1h",
        "loopscope.stall     | 1.5s        => stall    | " + DURATION + "1h",
        "loopscope.stall     | 999999999h  => stall    | " + DURATION + "1h",
        "loopscope.blocking  | sometimes   => blocking | expected one of FAIL, WARN, OFF (any case)",
        "loopscope.blocking  | default     => blocking | expected one of FAIL, WARN, OFF (any case)",
        "loopscope.loopScope | per_test    => loopScope | expected one of PER_METHOD, PER_CLASS (any case)",
    })
    void badConfigurationParameterIsNamedWithItsSourceAndWhatIsValid(String keyAndValue, String attributeAndExpected) {
        String[] kv = keyAndValue.split("\\|", 2);
        String[] ae = attributeAndExpected.split("\\|", 2);
        String key = kv[0].trim();
        String value = kv[1].trim().equals("''") ? "" : kv[1].trim();
        Events all = EngineTestKit.engine("junit-jupiter").configurationParameter(key, value)
                .selectors(selectClass(SettingExamples.Plain.class)).execute().allEvents();
        assertThat(HarnessTest.failure(all)).isEqualTo("Loopscope: bad value '" + value + "' for "
                + ae[0].trim() + " in " + parameter(key) + ": " + ae[1].trim());
    }

    @Test
    void goodConfigurationParametersInAnyCaseAreRead() {
        Events all = EngineTestKit.engine("junit-jupiter").configurationParameter("loopscope.timeout", " 5S ")
                .configurationParameter("loopscope.blocking", "warn").configurationParameter("loopscope.loopScope", "Per_Class")
                .configurationParameter("loopscope.stall", "1h").configurationParameter("loopscope.reports", "off")
                .selectors(selectClass(SettingExamples.Plain.class)).execute().allEvents();
        assertThat(all.failed().count()).as("failures: %s", all.failed().list()).isZero();
        assertThat(all.succeeded().count()).isEqualTo(3); // engine, class, test
    }

    @Test
    void reportsDirectoryThatIsNoPathOrAFile() throws Exception {
        Events nul = EngineTestKit.engine("junit-jupiter").configurationParameter("loopscope.reports", "a\u0000b")
                .selectors(selectClass(SettingExamples.Plain.class)).execute().allEvents();
        assertThat(HarnessTest.failure(nul)).isEqualTo("Loopscope: bad value 'a\\u0000b' for reports in "
                + parameter("loopscope.reports") + ": not a path on this system (Nul character not allowed); expected a "
                + "directory for the tests' HTML reports, such as target/loopscope, or off");
        Path file = Files.writeString(dir.resolve("reports.txt"), "a file");
        for (Path reports : List.of(file, file.resolve("sub"))) {
            Events all = EngineTestKit.engine("junit-jupiter").configurationParameter("loopscope.reports", reports.toString())
                    .selectors(selectClass(SettingExamples.Plain.class)).execute().allEvents();
            assertThat(HarnessTest.failure(all)).isEqualTo("Loopscope: bad value '" + reports + "' for reports in "
                    + parameter("loopscope.reports") + ": " + file + " is a file, not a directory; expected a directory for the "
                    + "tests' HTML reports, such as target/loopscope, or off");
        }
    }

    @Test
    void badAnnotationValuesNameTheMethodOrClassTheyAreOn() {
        String examples = SettingExamples.class.getName();
        assertThat(failureOf(LoopExamples.BadSetting.class)).isEqualTo("Loopscope: bad value 'ten seconds' for timeout in "
                + "@LoopscopeTest(timeout) on class " + LoopExamples.BadSetting.class.getName() + ": " + DURATION + "24h");
        assertThat(failureOf(SettingExamples.BadStallOnMethod.class)).isEqualTo("Loopscope: bad value '1.5s' for stall in "
                + "@LoopscopeTest(stall) on method " + examples + "$BadStallOnMethod.neverRuns(): " + DURATION + "1h");
        assertThat(failureOf(SettingExamples.TooLongTimeoutOnMethod.class)).isEqualTo("Loopscope: bad value '999999999h' for "
                + "timeout in @LoopscopeTest(timeout) on method " + examples + "$TooLongTimeoutOnMethod.neverRuns(): "
                + DURATION + "24h");
        assertThat(failureOf(SettingExamples.ZeroStallOnClass.class)).isEqualTo("Loopscope: bad value '0ms' for stall in "
                + "@LoopscopeTest(stall) on class " + examples + "$ZeroStallOnClass: " + DURATION + "1h");
        assertThat(failureOf(SettingExamples.InheritsABadStall.class)).isEqualTo("Loopscope: bad value '0ms' for stall in "
                + "@LoopscopeTest(stall) on class " + examples + "$ZeroStallOnClass: " + DURATION + "1h");
    }

    /** The annotation wins over the parameter: a bad parameter under a good annotation is not read, a bad annotation is. */
    @Test
    void theAnnotationIsNamedEvenWhenAParameterIsSetToo() {
        Events all = EngineTestKit.engine("junit-jupiter").configurationParameter("loopscope.stall", "50ms")
                .selectors(selectClass(SettingExamples.ZeroStallOnClass.class)).execute().allEvents();
        assertThat(HarnessTest.failure(all)).contains("'0ms' for stall in @LoopscopeTest(stall) on class");
    }

    @Test
    void aMistypedKeyInASystemPropertyFailsNamingTheKnownKeys() {
        System.setProperty("loopscope.timout", "60s");
        try {
            assertThat(failureOf(SettingExamples.Plain.class)).isEqualTo("Loopscope: unknown configuration parameter "
                    + "loopscope.timout in system property -Dloopscope.timout: did you mean loopscope.timeout? The harness reads "
                    + KEYS);
        } finally {
            System.clearProperty("loopscope.timout");
        }
        System.setProperty("loopscope.somethingElse", "for another tool");
        try {
            HarnessTest.passed(HarnessTest.run(SettingExamples.Plain.class), 1);
        } finally {
            System.clearProperty("loopscope.somethingElse");
        }
    }

    /**
     * The launcher reads {@code junit-platform.properties} through the context class loader, and so
     * does the check: a loader that adds one is a project with that file.
     */
    @Test
    void keysOfJunitPlatformPropertiesAreChecked() throws Exception {
        Path withTypo = Files.createDirectories(dir.resolve("typo"));
        Files.writeString(withTypo.resolve("junit-platform.properties"),
                "loopscope.timeout=5s\nloopscope.Stall=200ms\nloopscope.reprots=off\njunit.jupiter.testinstance.lifecycle.default=per_method\n");
        String failure = withContextLoader(withTypo, () -> failureOf(SettingExamples.Plain.class));
        URL file = withTypo.resolve("junit-platform.properties").toUri().toURL();
        assertThat(failure).startsWith("Loopscope: unknown configuration parameter ")
                .contains("loopscope.Stall in junit-platform.properties (" + file + "): did you mean loopscope.stall?",
                        "loopscope.reprots in junit-platform.properties (" + file + "): did you mean loopscope.reports?")
                .endsWith(" The harness reads " + KEYS);

        Path withOther = Files.createDirectories(dir.resolve("other"));
        Files.writeString(withOther.resolve("junit-platform.properties"), "loopscope.colourScheme=dark\n");
        Events all = withContextLoader(withOther, () -> EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(SettingExamples.Plain.class)).execute().allEvents());
        assertThat(all.failed().count()).isZero();
        List<String> entries = all.reportingEntryPublished().stream()
                .map(e -> e.getPayload(ReportEntry.class).orElseThrow().getKeyValuePairs().get("loopscope"))
                .filter(java.util.Objects::nonNull).collect(Collectors.toList());
        assertThat(entries).containsExactly("ignoring unknown configuration parameter loopscope.colourScheme in "
                + "junit-platform.properties (" + withOther.resolve("junit-platform.properties").toUri().toURL()
                + "): the harness reads only " + KEYS);
    }

    private interface Body<T> {
        T get() throws Exception;
    }

    private static <T> T withContextLoader(Path dir, Body<T> body) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, previous)) {
            thread.setContextClassLoader(loader);
            return body.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static String failureOf(Class<?> type) {
        return HarnessTest.failure(EngineTestKit.engine("junit-jupiter").selectors(selectClass(type)).execute().allEvents());
    }
}
