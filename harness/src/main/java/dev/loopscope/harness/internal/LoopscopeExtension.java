package dev.loopscope.harness.internal;

import dev.loopscope.harness.BlockingPolicy;
import dev.loopscope.harness.LoopScope;
import dev.loopscope.harness.TestLoop;
import dev.loopscope.harness.Timeline;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

/**
 * The JUnit Jupiter extension behind {@code @LoopscopeTest}: a loop per test (or per class), the
 * timeout, and the checks at the end of each test. Registered by the annotation, or for every
 * test class through JUnit's extension auto-detection ({@code META-INF/services}).
 */
public final class LoopscopeExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback, ParameterResolver, InvocationInterceptor {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LoopscopeExtension.class);
    private static final String RUN = "run";
    private static final String CLASS_LOOP = "classLoop";
    /** How long a loop may take to finish the task it is in when a test ends, before that is a leak. */
    private static final long SETTLE_NANOS = 100_000_000L;
    private static volatile boolean toldAgentMissing;
    private static volatile boolean toldBufferFull;

    @Override
    public void beforeAll(ExtensionContext context) {
        ConfigurationKeys.check(context);
        Settings settings = Settings.of(context);
        if (settings.loopScope == LoopScope.PER_CLASS) {
            ThreadGroup group = new ThreadGroup(Runs.ROOT, "loopscope-" + context.getDisplayName());
            context.getStore(NAMESPACE).put(CLASS_LOOP, new ClassLoop(new LoopEngine(settings.timeout, group), group));
        }
        tellIfAgentMissing(settings);
    }

    @Override
    public void afterAll(ExtensionContext context) throws InterruptedException {
        ClassLoop shared = context.getStore(NAMESPACE).remove(CLASS_LOOP, ClassLoop.class);
        if (shared != null) {
            shared.engine.settle(SETTLE_NANOS);
            List<String> problems = new ArrayList<>();
            Throwable cause = shared.engine.firstUnobserved();
            shared.engine.pending().forEach(p -> problems.add("leaked (still on the class's loop when all tests ended): " + p));
            shared.engine.unobservedFailures().forEach(problems::add);
            List<Throwable> futureFailures = new ArrayList<>();
            problems.addAll(TestFutures.problems(shared.group, futureFailures));
            if (cause == null && !futureFailures.isEmpty()) {
                cause = futureFailures.get(0);
            }
            shared.engine.close();
            fail(problems, cause, "the tests of " + context.getDisplayName());
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Settings settings = Settings.of(context);
        ClassLoop shared = classLoop(context);
        ThreadGroup group = new ThreadGroup(shared != null ? shared.group : Runs.ROOT, "loopscope-" + context.getDisplayName());
        LoopEngine loop = shared != null ? shared.engine : new LoopEngine(settings.timeout, group);
        TestRun run = new TestRun(context.getDisplayName(), settings, loop, group);
        context.getStore(NAMESPACE).put(RUN, run);
        Runs.started(run);
    }

    @Override
    public void afterEach(ExtensionContext context) throws InterruptedException {
        TestRun run = context.getStore(NAMESPACE).remove(RUN, TestRun.class);
        if (run == null) {
            return;
        }
        boolean ownLoop = classLoop(context) == null;
        List<String> problems = new ArrayList<>();
        Throwable cause = null;
        try {
            if (ownLoop) {
                run.loop.settle(SETTLE_NANOS);
                cause = run.loop.firstUnobserved();
                run.loop.pending().forEach(p -> problems.add("leaked (still on the loop when the test ended): " + p));
                problems.addAll(run.loop.unobservedFailures());
            }
            List<Throwable> futureFailures = new ArrayList<>();
            problems.addAll(TestFutures.problems(run.group, futureFailures));
            if (cause == null && !futureFailures.isEmpty()) {
                cause = futureFailures.get(0);
            }
            Runs.ended(run);
            writeReport(run, context);
            tellIfBufferFull(context);
            problems.addAll(run.uncaught);
            if (cause == null) {
                cause = run.uncaughtThrowables.peek();
            }
            blockingAndStalls(run, problems, context);
        } finally {
            if (ownLoop) {
                run.loop.close();
            }
            AgentBridge.get().releaseMark(run.mark);
        }
        fail(problems, cause, "the test");
    }

    /** The test's timeline as an HTML page, target/loopscope/CLASS/METHOD.html, published as a report entry. */
    private static void writeReport(TestRun run, ExtensionContext context) {
        if (run.settings.reports == null || run.mark == null) {
            return;
        }
        String method = context.getTestMethod().map(Method::getName).orElse("test");
        String invocation = context.getUniqueId().contains("-invocation:#")
                ? "-" + context.getUniqueId().replaceAll(".*-invocation:#(\\d+)\\]$", "$1") : "";
        java.nio.file.Path file = run.settings.reports.resolve(context.getRequiredTestClass().getName())
                .resolve(method + invocation + ".html");
        String error = AgentBridge.get().writeReportSince(run.mark, run.startNanos, file.toString());
        if (error == null) {
            context.publishReportEntry("loopscope.report", file.toAbsolutePath().toString());
        } else {
            context.publishReportEntry("loopscope.report", "not written: " + error);
        }
    }

    /**
     * The agent's findings for the test, by the test's policy. Only those on loop threads can
     * fail it: blocking in the common pool or on a pinned virtual thread is worth knowing, but
     * not what a loop test is about, so it is always a warning.
     */
    private static void blockingAndStalls(TestRun run, List<String> problems, ExtensionContext context) {
        Settings s = run.settings;
        if (s.blocking == BlockingPolicy.OFF) {
            return;
        }
        for (Map<String, Object> f : run.findings) {
            boolean stall = "stall".equals(f.get("type"));
            if (!stall && s.allowBlocking) {
                continue;
            }
            long duration = (Long) f.get("durationNanos");
            if (stall && duration >= 0 && duration < s.stall.toNanos()) {
                continue;
            }
            String found = Findings.describe(f);
            if (s.blocking == BlockingPolicy.FAIL && "loop".equals(f.get("kind"))) {
                problems.add(found);
            } else {
                context.publishReportEntry("loopscope", found);
                System.err.println("[loopscope] " + run.displayName + ": " + found);
            }
        }
    }

    private static void fail(List<String> problems, Throwable cause, String who) {
        if (problems.isEmpty()) {
            return;
        }
        StringBuilder b = new StringBuilder("Loopscope found ").append(problems.size())
                .append(problems.size() == 1 ? " problem" : " problems").append(" in ").append(who).append(':');
        for (String p : problems) {
            b.append("\n  - ").append(p.replace("\n", "\n    "));
        }
        throw new AssertionError(b.toString(), cause);
    }

    // ---- the timeout ----

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
            ExtensionContext context) throws Throwable {
        timed(invocation, context);
    }

    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation,
            ReflectiveInvocationContext<Method> invocationContext, ExtensionContext context) throws Throwable {
        timed(invocation, context);
    }

    private static void timed(Invocation<Void> invocation, ExtensionContext context) throws Throwable {
        TestRun run = context.getStore(NAMESPACE).get(RUN, TestRun.class);
        if (run == null) {
            invocation.proceed();
        } else {
            TimeoutInvoker.run(invocation, run);
        }
    }

    // ---- parameters ----

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == TestLoop.class || type == Timeline.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        TestRun run = context.getStore(NAMESPACE).get(RUN, TestRun.class);
        if (parameter.getParameter().getType() == Timeline.class) {
            if (run == null) {
                throw new ParameterResolutionException("a Timeline is a test's: inject it into a test or @AfterEach method");
            }
            return new Timeline(() -> AgentBridge.get().tasksSince(run.mark), () -> {
                Runs.collectFindings();
                return new ArrayList<>(run.findings);
            }, run.mark != null);
        }
        if (run != null) {
            return new TestLoop(run.loop);
        }
        ClassLoop shared = classLoop(context);
        if (shared != null) {
            return new TestLoop(shared.engine);
        }
        throw new ParameterResolutionException("a TestLoop exists per test method here: inject it into test, @BeforeEach or "
                + "@AfterEach methods, or use @LoopscopeTest(loopScope = PER_CLASS) for one in @BeforeAll/@AfterAll");
    }

    // ---- helpers ----

    private static ClassLoop classLoop(ExtensionContext context) {
        for (ExtensionContext c = context; c != null; c = c.getParent().orElse(null)) {
            ClassLoop shared = c.getStore(NAMESPACE).get(CLASS_LOOP, ClassLoop.class);
            if (shared != null) {
                return shared;
            }
        }
        return null;
    }

    /**
     * Once, when the agent's buffer is spent: events are dropped (until the logs of ended tests
     * are freed, at the next test's start), so timelines lack work, and the user should know why
     * and what to do.
     */
    private static void tellIfBufferFull(ExtensionContext context) {
        if (toldBufferFull || !AgentBridge.get().recordingFull()) {
            return;
        }
        toldBufferFull = true;
        String message = "the agent's buffer is full: events are being dropped, so tests' timelines and HTML reports lack work. "
                + "Raise it in the argLine: -javaagent:PATH/loopscope-agent.jar=buffer=512m (see the README, \"Options\")";
        System.err.println("[loopscope] " + message);
        context.publishReportEntry("loopscope", message);
    }

    private static void tellIfAgentMissing(Settings settings) {
        if (toldAgentMissing || AgentBridge.get().attached() || settings.blocking == BlockingPolicy.OFF) {
            return;
        }
        toldAgentMissing = true;
        System.err.println("[loopscope] the Loopscope agent is not attached: blocking calls and stalls on loop threads "
                + "are not checked, and Timeline is empty (timeouts, leaks, lost exceptions and virtual time still work). "
                + "Attach it with -javaagent:PATH/loopscope-agent.jar, in Surefire's <argLine> (see the README, \"The JUnit harness\")");
    }

    /** A loop shared by the tests of a class ({@code PER_CLASS}), with the thread group its threads start in. */
    private static final class ClassLoop {
        final LoopEngine engine;
        final ThreadGroup group;

        ClassLoop(LoopEngine engine, ThreadGroup group) {
            this.engine = engine;
            this.group = group;
        }
    }
}
