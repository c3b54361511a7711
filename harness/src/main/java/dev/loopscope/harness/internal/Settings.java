package dev.loopscope.harness.internal;

import dev.loopscope.harness.AllowBlocking;
import dev.loopscope.harness.BlockingPolicy;
import dev.loopscope.harness.LoopScope;
import dev.loopscope.harness.LoopscopeTest;
import java.lang.reflect.AnnotatedElement;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * A test's Loopscope settings, read in this one place: the method's {@link LoopscopeTest}, then
 * the class's, then the {@code loopscope.*} configuration parameters, then the built-in defaults.
 * A bad value fails the test with a message naming the setting, where it came from, and what is valid.
 */
public final class Settings {

    static final String TIMEOUT = "loopscope.timeout";
    static final String BLOCKING = "loopscope.blocking";
    static final String STALL = "loopscope.stall";
    static final String LOOP_SCOPE = "loopscope.loopScope";
    static final String REPORTS = "loopscope.reports";

    public final Duration timeout;
    public final BlockingPolicy blocking;
    public final Duration stall;
    public final LoopScope loopScope;
    public final boolean allowBlocking;
    /** Where each test's HTML timeline goes ({@code loopscope.reports}, default target/loopscope); null: none. */
    public final java.nio.file.Path reports;

    private Settings(Duration timeout, BlockingPolicy blocking, Duration stall, LoopScope loopScope, boolean allowBlocking,
            java.nio.file.Path reports) {
        this.timeout = timeout;
        this.blocking = blocking;
        this.stall = stall;
        this.loopScope = loopScope;
        this.allowBlocking = allowBlocking;
        this.reports = reports;
    }

    /** The settings of the test (or, for a class-level context, of the class). */
    public static Settings of(ExtensionContext context) {
        Optional<LoopscopeTest> onMethod = context.getTestMethod().flatMap(m -> find(m));
        Optional<LoopscopeTest> onClass = context.getTestClass().flatMap(c -> find(c));
        String timeoutText = pick(onMethod.map(LoopscopeTest::timeout), onClass.map(LoopscopeTest::timeout), "", context, TIMEOUT, "10s");
        String stallText = pick(onMethod.map(LoopscopeTest::stall), onClass.map(LoopscopeTest::stall), "", context, STALL, "100ms");
        String blockingText = pick(onMethod.map(a -> a.blocking().name()), onClass.map(a -> a.blocking().name()),
                BlockingPolicy.DEFAULT.name(), context, BLOCKING, BlockingPolicy.FAIL.name());
        String scopeText = pick(onMethod.map(a -> a.loopScope().name()), onClass.map(a -> a.loopScope().name()),
                LoopScope.DEFAULT.name(), context, LOOP_SCOPE, LoopScope.PER_METHOD.name());
        boolean allow = context.getTestMethod().map(m -> AnnotationSupport.isAnnotated(m, AllowBlocking.class)).orElse(false)
                || context.getTestClass().map(c -> AnnotationSupport.isAnnotated(c, AllowBlocking.class)).orElse(false);
        String reportsText = context.getConfigurationParameter(REPORTS).orElse("target/loopscope").trim();
        return new Settings(duration("timeout", TIMEOUT, timeoutText), choice("blocking", BLOCKING, blockingText, BlockingPolicy.class),
                duration("stall", STALL, stallText), choice("loopScope", LOOP_SCOPE, scopeText, LoopScope.class), allow,
                reportsText.equalsIgnoreCase("off") || reportsText.isEmpty() ? null : java.nio.file.Paths.get(reportsText));
    }

    private static Optional<LoopscopeTest> find(AnnotatedElement element) {
        return AnnotationSupport.findAnnotation(element, LoopscopeTest.class);
    }

    private static String pick(Optional<String> method, Optional<String> type, String unset, ExtensionContext context,
            String key, String builtIn) {
        if (method.isPresent() && !method.get().equals(unset)) {
            return method.get();
        }
        if (type.isPresent() && !type.get().equals(unset)) {
            return type.get();
        }
        return context.getConfigurationParameter(key).orElse(builtIn);
    }

    private static Duration duration(String attribute, String key, String text) {
        Duration d = Durations.parse(text);
        if (d == null || d.isZero()) {
            throw new ExtensionConfigurationException("Loopscope: bad value '" + text + "' for " + attribute
                    + " (@LoopscopeTest(" + attribute + ") or " + key + "): expected a positive duration such as 10s, 250ms, 2m or 1h");
        }
        return d;
    }

    private static <E extends Enum<E>> E choice(String attribute, String key, String text, Class<E> type) {
        StringBuilder valid = new StringBuilder();
        for (E e : type.getEnumConstants()) {
            if (e.name().equals("DEFAULT")) {
                continue;
            }
            if (e.name().equalsIgnoreCase(text.trim())) {
                return e;
            }
            valid.append(valid.length() == 0 ? "" : ", ").append(e.name());
        }
        throw new ExtensionConfigurationException("Loopscope: bad value '" + text + "' for " + attribute
                + " (@LoopscopeTest(" + attribute + ") or " + key + "): expected one of " + valid.toString().toUpperCase(Locale.ROOT));
    }
}
