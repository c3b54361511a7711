package dev.loopscope.agent.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * <b>For the agent's own tests only; not a user option.</b> Makes chosen parts of the agent fail
 * on purpose, so that {@code FaultInjectionIT} can check that a fault inside the agent never
 * reaches the application: {@code -Dloopscope.test.faults=recorder,detector,watchdog,writer,buffer}
 * (any of them, separated by commas).
 *
 * <p>The switch is read once, when this class is initialized, into {@code static final} flags:
 * with the property unset every {@code if (FaultInjection.X)} is a constant false that the JIT
 * folds away, so the hot paths that carry a check cost nothing for it.
 */
public final class FaultInjection {

    /** The system property that lists the faults to inject. */
    public static final String PROPERTY = "loopscope.test.faults";
    /** The fault points, in the order the error message lists them. */
    static final List<String> POINTS = List.of("recorder", "detector", "watchdog", "writer", "buffer");

    /** The recorder throws from its submission path once {@link #RECORDER_EVENTS} events were recorded. */
    public static final boolean RECORDER;
    /** The detector throws when a loop thread enters a blocking call. */
    public static final boolean DETECTOR;
    /** The watchdog throws when it first looks at a loop thread. */
    public static final boolean WATCHDOG;
    /** Writing the reports at exit throws after the first of the three files is written. */
    public static final boolean WRITER;
    /** Allocating an event chunk throws OutOfMemoryError once {@link #BUFFER_CHUNKS} chunks were allocated. */
    public static final boolean BUFFER;

    static final int RECORDER_EVENTS = 100;
    static final int BUFFER_CHUNKS = 4;

    private static final AtomicInteger recorderEvents = new AtomicInteger();
    private static final AtomicInteger chunks = new AtomicInteger();

    static {
        List<String> on = parse(System.getProperty(PROPERTY));
        RECORDER = on.contains("recorder");
        DETECTOR = on.contains("detector");
        WATCHDOG = on.contains("watchdog");
        WRITER = on.contains("writer");
        BUFFER = on.contains("buffer");
    }

    private FaultInjection() {
    }

    /** Whether any fault is injected; the agent calls it at start-up, so that the switch is read there and not inside a hook. */
    public static boolean any() {
        return RECORDER || DETECTOR || WATCHDOG || WRITER || BUFFER;
    }

    /** The known points named in {@code value}; an unknown name gets one stderr line, like a bad agent option. */
    static List<String> parse(String value) {
        List<String> on = new ArrayList<>();
        if (value == null || value.isBlank()) {
            return on;
        }
        for (String name : value.split(",")) {
            String point = name.trim().toLowerCase(Locale.ROOT);
            if (POINTS.contains(point)) {
                on.add(point);
            } else {
                System.err.println("[loopscope] unknown test fault '" + name.trim() + "' in -D" + PROPERTY
                        + "; valid ones are " + String.join(", ", POINTS));
            }
        }
        return on;
    }

    /**
     * The exception an injected fault throws at {@code point}, its stack starting at the agent's
     * method that asked for it (not here), so that the fault line names that place.
     */
    public static RuntimeException injected(String point) {
        return fromCaller(new IllegalStateException("injected test fault: " + point));
    }

    private static <T extends Throwable> T fromCaller(T fault) {
        StackTraceElement[] stack = fault.getStackTrace();
        int first = 0;
        while (first < stack.length && stack[first].getClassName().equals(FaultInjection.class.getName())) {
            first++;
        }
        fault.setStackTrace(Arrays.copyOfRange(stack, first, stack.length));
        return fault;
    }

    /** Called by the recorder per recorded submission; throws once recording is well under way. */
    public static void recorderEvent() {
        if (recorderEvents.incrementAndGet() > RECORDER_EVENTS) {
            throw injected("recorder");
        }
    }

    /** Called by a log before it allocates a chunk; the heap "runs out" once a few chunks exist. */
    public static void chunkAllocating() {
        if (chunks.incrementAndGet() > BUFFER_CHUNKS) {
            throw fromCaller(new OutOfMemoryError("injected test fault: buffer"));
        }
    }
}
