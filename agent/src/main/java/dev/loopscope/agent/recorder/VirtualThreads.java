package dev.loopscope.agent.recorder;

import java.lang.invoke.MethodHandles;

/**
 * What the recorder needs to know of virtual threads (JDK 21+), found reflectively so the agent
 * still runs on 17. Needs {@code java.lang} opened and {@code jdk.internal.misc} exported to the
 * agent (see the instrument package); without them, virtual threads are recorded less precisely
 * but nothing fails.
 */
public final class VirtualThreads {

    private static final String CARRIER_CLASS = "jdk.internal.misc.CarrierThread";
    private static final String VIRTUAL_CLASS = "java.lang.VirtualThread";

    private VirtualThreads() {
    }

    /**
     * A thread-local whose value belongs to the carrier when read on a virtual thread, so a
     * million virtual threads share their few carriers' logs instead of owning one each. A
     * virtual thread is never unmounted inside the recorder (it does not block), so a log is
     * still only ever written by one thread at a time.
     */
    @SuppressWarnings("unchecked")
    static <T> ThreadLocal<T> carrierLocal() {
        try {
            return (ThreadLocal<T>) Class.forName("jdk.internal.misc.CarrierThreadLocal").getConstructor().newInstance();
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return new ThreadLocal<>();
        }
    }

    /** The default scheduler of virtual threads, or null (JDK 17, or java.lang not opened). */
    static Object defaultScheduler() {
        try {
            Class<?> vt = Class.forName(VIRTUAL_CLASS);
            return MethodHandles.privateLookupIn(vt, MethodHandles.lookup())
                    .findStaticVarHandle(vt, "DEFAULT_SCHEDULER", java.util.concurrent.ForkJoinPool.class).get();
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }

    static boolean isCarrier(Thread t) {
        return t.getClass().getName().equals(CARRIER_CLASS);
    }

    public static boolean isVirtual(Thread t) {
        return t.getClass().getName().equals(VIRTUAL_CLASS);
    }
}
