package dev.loopscope.agent.it.workloads;

import dev.loopscope.api.Loopscope;
import java.lang.invoke.MethodHandles;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Hostile strings in every place an application's text reaches a report: a thread's name (and
 * so its Thread.start task's), an executor's name given through the API and one derived from
 * its threads' names, a task's class name, an exception's message and an exception's class
 * name, and loop threads with a blocking call and a stall. Class names are defined at run time
 * from hand-built class files, since javac accepts none of these characters.
 */
public final class HostileNames {

    /**
     * Markup that would run if parsed as HTML or break out of a script element; quotes,
     * backslashes, controls and line breaks that break JSON or JavaScript written by hand; the
     * JavaScript line separators; a lone high, a lone low and a reversed surrogate pair (not
     * text, yet a Java string holds them); an entity. Ends in a letter: a derived executor name
     * (the threads' stem) keeps all of it.
     */
    public static final String HOSTILE = "<script>window.__pwned=1</script></script><!-- <img src=x onerror=\"window.__pwned=2\">"
            + " it's \"q\" `b` back\\slash \\u0041 \\n line1\nline2\r\n\ttab \u2028ls \u2029ps lone \uD800 low \uDC00"
            + " reversed \uDC00\uD800 pair \uD83D\uDE00 &amp; &lt;b&gt; end";
    /** For class names: no {@code . ; [ /}, which the JVM does not allow in them (so a bare global, and an entity without its ';'). */
    public static final String CLASS_HOSTILE = "<script>__pwned=1<!-- <img src=x onerror=\"__pwned=2\">"
            + " it's \"q\" back\\slash \n line2\r\ttab \u2028ls lone \uD800 reversed \uDC00\uD800 &amp end";

    public static final String THREAD = "T " + HOSTILE;
    public static final String NAMED_EXECUTOR = "E " + HOSTILE;
    /** The derived executor: its threads are HOSTILE-thread-1, whose stem is HOSTILE. */
    public static final String DERIVED_EXECUTOR = HOSTILE;
    public static final String MESSAGE = "M " + HOSTILE;
    public static final String CLASS_MESSAGE = "C " + HOSTILE;
    public static final String PACKAGE = HostileNames.class.getPackageName();
    public static final String TASK_CLASS = PACKAGE + ".Task" + CLASS_HOSTILE;
    public static final String EXCEPTION_CLASS = PACKAGE + ".Boom" + CLASS_HOSTILE;
    public static final String BLOCKING_LOOP = "vert.x-eventloop-thread-" + HOSTILE;
    public static final String STALL_LOOP = "nioEventLoopGroup-9-" + HOSTILE;
    /** 499 characters, then a surrogate pair that a cut after 500 characters would split. */
    public static final String LONG_MESSAGE = "a".repeat(499) + "\uD83D\uDE00 and more";

    private HostileNames() {
    }

    public static void main(String[] args) throws Exception {
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        Class<?> taskClass = lookup.defineClass(TinyClassFile.runnable(TASK_CLASS.replace('.', '/')));
        Class<?> boomClass = lookup.defineClass(TinyClassFile.exception(EXCEPTION_CLASS.replace('.', '/')));
        check(taskClass.getName().equals(TASK_CLASS) && boomClass.getName().equals(EXCEPTION_CLASS), "class names kept");
        RuntimeException boom = (RuntimeException) boomClass.getConstructor(String.class).newInstance(CLASS_MESSAGE);

        Thread thread = new Thread(() -> { }, THREAD);
        thread.start();
        thread.join();

        // Failures on a pool's worker: execute, so the exception ends the run rather than a FutureTask.
        ExecutorService named = Loopscope.name(Executors.newFixedThreadPool(1, new NamedThreads("hostile-named")),
                NAMED_EXECUTOR);
        named.execute((Runnable) taskClass.getConstructor().newInstance());
        named.execute(() -> {
            throw new IllegalStateException(MESSAGE);
        });
        named.execute(() -> {
            throw boom;
        });
        named.execute(() -> {
            throw new IllegalArgumentException(LONG_MESSAGE);
        });
        await(named);

        ExecutorService derived = Executors.newFixedThreadPool(1, r -> new Thread(r, HOSTILE + "-thread-1"));
        derived.execute(() -> { });
        await(derived);

        Thread blocking = new Thread(() -> sleep(40), BLOCKING_LOOP);
        blocking.start();
        blocking.join();

        ExecutorService stallLoop = Executors.newSingleThreadExecutor(r -> new Thread(r, STALL_LOOP));
        stallLoop.submit(HostileNames::spin).get();
        await(stallLoop);
        System.out.println("workload done");
    }

    private static void await(ExecutorService pool) throws InterruptedException {
        pool.shutdown();
        check(pool.awaitTermination(30, TimeUnit.SECONDS), "pool terminated");
    }

    private static void check(boolean condition, String what) {
        if (!condition) {
            throw new AssertionError(what);
        }
    }

    private static void spin() {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(250);
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
