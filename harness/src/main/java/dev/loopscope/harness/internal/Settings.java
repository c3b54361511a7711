package dev.loopscope.harness.internal;

import dev.loopscope.harness.AllowBlocking;
import dev.loopscope.harness.BlockingPolicy;
import dev.loopscope.harness.LoopScope;
import dev.loopscope.harness.LoopscopeTest;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
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
    /** Every configuration parameter the harness reads. */
    static final List<String> KEYS = List.of(TIMEOUT, BLOCKING, STALL, LOOP_SCOPE, REPORTS);

    // Past these a Duration's nanoseconds overflow, and no test means them: the agent's stall limit is 1h too.
    private static final Duration MAX_TIMEOUT = Duration.ofHours(24);
    private static final Duration MAX_STALL = Duration.ofHours(1);

    public final Duration timeout;
    public final BlockingPolicy blocking;
    public final Duration stall;
    public final LoopScope loopScope;
    public final boolean allowBlocking;
    /** Where each test's HTML timeline goes ({@code loopscope.reports}, default target/loopscope); null: none. */
    public final Path reports;

    private Settings(Duration timeout, BlockingPolicy blocking, Duration stall, LoopScope loopScope, boolean allowBlocking,
            Path reports) {
        this.timeout = timeout;
        this.blocking = blocking;
        this.stall = stall;
        this.loopScope = loopScope;
        this.allowBlocking = allowBlocking;
        this.reports = reports;
    }

    /** A setting's text and where it was given, as the messages name it. */
    private static final class Given {
        final String text;
        final String where;

        Given(String text, String where) {
            this.text = text;
            this.where = where;
        }
    }

    /** The settings of the test (or, for a class-level context, of the class). */
    public static Settings of(ExtensionContext context) {
        Optional<Method> method = context.getTestMethod();
        Optional<Class<?>> type = context.getTestClass();
        Optional<LoopscopeTest> onMethod = method.flatMap(Settings::find);
        Optional<LoopscopeTest> onClass = type.flatMap(Settings::find);
        Given timeout = pick("timeout", LoopscopeTest::timeout, "", onMethod, onClass, context, TIMEOUT, "10s");
        Given stall = pick("stall", LoopscopeTest::stall, "", onMethod, onClass, context, STALL, "100ms");
        Given blocking = pick("blocking", a -> a.blocking().name(), BlockingPolicy.DEFAULT.name(), onMethod, onClass, context,
                BLOCKING, BlockingPolicy.FAIL.name());
        Given scope = pick("loopScope", a -> a.loopScope().name(), LoopScope.DEFAULT.name(), onMethod, onClass, context,
                LOOP_SCOPE, LoopScope.PER_METHOD.name());
        boolean allow = method.map(m -> AnnotationSupport.isAnnotated(m, AllowBlocking.class)).orElse(false)
                || type.map(c -> AnnotationSupport.isAnnotated(c, AllowBlocking.class)).orElse(false);
        return new Settings(duration("timeout", timeout, MAX_TIMEOUT), choice("blocking", blocking, BlockingPolicy.class),
                duration("stall", stall, MAX_STALL), choice("loopScope", scope, LoopScope.class), allow,
                reports(context.getConfigurationParameter(REPORTS).orElse("target/loopscope")));
    }

    private static Optional<LoopscopeTest> find(AnnotatedElement element) {
        return AnnotationSupport.findAnnotation(element, LoopscopeTest.class);
    }

    /** The method's attribute if set, else the class's, else the configuration parameter, else the built-in value. */
    private static Given pick(String attribute, Function<LoopscopeTest, String> read, String unset,
            Optional<LoopscopeTest> onMethod, Optional<LoopscopeTest> onClass, ExtensionContext context, String key,
            String builtIn) {
        Optional<String> m = onMethod.map(read).filter(v -> !v.equals(unset));
        if (m.isPresent()) {
            return new Given(m.get(), "@LoopscopeTest(" + attribute + ") on method "
                    + context.getRequiredTestClass().getName() + "." + context.getRequiredTestMethod().getName() + "()");
        }
        Optional<String> c = onClass.map(read).filter(v -> !v.equals(unset));
        if (c.isPresent()) {
            return new Given(c.get(), "@LoopscopeTest(" + attribute + ") on class " + declaringClass(context));
        }
        Optional<String> parameter = context.getConfigurationParameter(key);
        if (parameter.isPresent()) {
            return new Given(parameter.get(), parameterSource(key));
        }
        return new Given(builtIn, "the built-in default");
    }

    /** The class that declares the annotation: the test class, or the superclass it inherits it from. */
    private static String declaringClass(ExtensionContext context) {
        for (Class<?> c = context.getRequiredTestClass(); c != null; c = c.getSuperclass()) {
            if (c.getDeclaredAnnotation(LoopscopeTest.class) != null) {
                return c.getName();
            }
        }
        return context.getRequiredTestClass().getName(); // a meta-annotation of the class: it is the one to look at
    }

    /** Configuration parameters come from three places that the extension cannot tell apart: all are named. */
    static String parameterSource(String key) {
        return "configuration parameter " + key + " (junit-platform.properties, -D" + key + " or the launcher's configuration)";
    }

    private static Duration duration(String attribute, Given given, Duration max) {
        Duration d = Durations.parse(given.text);
        if (d == null || d.isZero() || d.compareTo(max) > 0) {
            throw bad(attribute, given, "expected a positive duration such as 10s, 250ms, 2m or 1h, at most "
                    + max.toHours() + "h");
        }
        return d;
    }

    private static <E extends Enum<E>> E choice(String attribute, Given given, Class<E> type) {
        StringBuilder valid = new StringBuilder();
        for (E e : type.getEnumConstants()) {
            if (e.name().equals("DEFAULT")) {
                continue;
            }
            if (e.name().equalsIgnoreCase(given.text.trim())) {
                return e;
            }
            valid.append(valid.length() == 0 ? "" : ", ").append(e.name());
        }
        throw bad(attribute, given, "expected one of " + valid.toString().toUpperCase(Locale.ROOT) + " (any case)");
    }

    /** {@code off} or empty: no reports; else a directory, which need not exist yet but cannot be a file. */
    private static Path reports(String text) {
        String value = text.trim();
        if (value.isEmpty() || value.equalsIgnoreCase("off")) {
            return null;
        }
        Given given = new Given(text, parameterSource(REPORTS));
        String expected = "expected a directory for the tests' HTML reports, such as target/loopscope, or off";
        Path path;
        try {
            path = Paths.get(value);
        } catch (InvalidPathException e) {
            throw bad("reports", given, "not a path on this system (" + e.getReason() + "); " + expected);
        }
        for (Path p = path.toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p) && !Files.isDirectory(p)) {
                throw bad("reports", given, p + " is a file, not a directory; " + expected);
            }
        }
        return path;
    }

    private static ExtensionConfigurationException bad(String attribute, Given given, String expected) {
        return new ExtensionConfigurationException("Loopscope: bad value " + quoted(given.text) + " for " + attribute
                + " in " + given.where + ": " + expected);
    }

    /**
     * In quotes, control characters escaped: a value cannot break the message's line. The agent's
     * {@code AgentOptions.quoted} does the same for its options: the harness does not depend on the
     * agent's jar (as with {@link EditDistance}).
     */
    static String quoted(String value) {
        StringBuilder b = new StringBuilder("'");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
                b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('\'').toString();
    }
}
