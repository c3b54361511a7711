package dev.loopscope.agent.detect;

import dev.loopscope.agent.config.Globs;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.regex.Pattern;

/**
 * Decides which threads are loop (non-blocking) threads: the one place that knows the built-in
 * event loops, matched by thread name and by class name so that none of those libraries is a
 * dependency. Marks made through the public API change the answer for threads already seen: each
 * mark bumps {@link #epoch()}, and callers re-ask when it moved.
 */
public final class LoopThreads {

    /** A thread's class of findings. */
    public enum Kind {
        /** Not watched. */
        NONE,
        /** A loop thread: blocking calls and stalls are findings. */
        LOOP,
        /** A ForkJoinPool common-pool worker: blocking is a finding of its own class. */
        COMMON_POOL
    }

    /** Thread names of the event loops users run, and the harness's test loops. */
    public static final List<String> BUILT_IN_GLOBS = List.of(
            "nioEventLoopGroup-*", "epollEventLoopGroup-*", "multiThreadIoEventLoopGroup-*", // Netty
            "vert.x-eventloop-thread-*", // Vert.x
            "parallel-*", "reactor-http-nio-*", // Reactor
            "loopscope-test-loop-*"); // the harness
    private static final String NETTY_THREAD = "io.netty.util.concurrent.FastThreadLocalThread";
    private static final String REACTOR_NON_BLOCKING = "reactor.core.scheduler.NonBlocking";

    private final List<Pattern> globs = new ArrayList<>();
    private final List<String> globTexts = new ArrayList<>();
    private final boolean commonPoolIsLoop;
    private final boolean commonPoolWatched;
    private final Map<Thread, Boolean> markedThreads = Collections.synchronizedMap(new WeakHashMap<>());
    private final Map<Object, Boolean> markedExecutors = Collections.synchronizedMap(new WeakHashMap<>());
    private final java.util.concurrent.atomic.AtomicInteger epoch = new java.util.concurrent.atomic.AtomicInteger();
    private final ClassValue<Kind> byClass = new ClassValue<>() {
        @Override
        protected Kind computeValue(Class<?> type) {
            return classKind(type);
        }
    };

    public LoopThreads(List<String> extraGlobs, boolean commonPoolIsLoop, boolean commonPoolWatched) {
        for (String g : BUILT_IN_GLOBS) {
            addGlob(g);
        }
        for (String g : extraGlobs) {
            addGlob(g);
        }
        this.commonPoolIsLoop = commonPoolIsLoop;
        this.commonPoolWatched = commonPoolWatched;
    }

    private void addGlob(String glob) {
        globTexts.add(glob);
        globs.add(Globs.compile(glob));
    }

    /** Every thread-name glob in effect, built-in ones first. */
    public List<String> globs() {
        return Collections.unmodifiableList(globTexts);
    }

    /** Changes whenever a mark is added: a cached answer older than this must be asked again. */
    public int epoch() {
        return epoch.get();
    }

    /** Marks {@code t}; only a new mark makes threads decide again (an application may mark per task). */
    public void markThread(Thread t) {
        if (markedThreads.put(t, Boolean.TRUE) == null) {
            epoch.incrementAndGet();
        }
    }

    public void markExecutor(Object executor) {
        if (markedExecutors.put(executor, Boolean.TRUE) == null) {
            epoch.incrementAndGet();
        }
    }

    /**
     * The kind of {@code t}, named {@code name}; {@code pool} is the ThreadPoolExecutor whose
     * worker it is, if known. Takes locks (the marks' maps) and may call {@code
     * permitBlockingCalls()} of a Netty thread: callers cache the answer.
     */
    public Kind classify(Thread t, String name, Object pool) {
        if (t instanceof ForkJoinWorkerThread) {
            ForkJoinPool fj = ((ForkJoinWorkerThread) t).getPool();
            if (fj == ForkJoinPool.commonPool()) {
                return commonPoolIsLoop ? Kind.LOOP : commonPoolWatched ? Kind.COMMON_POOL : Kind.NONE;
            }
            pool = fj;
        }
        if (pool != null && markedExecutors.containsKey(pool) || markedThreads.containsKey(t)) {
            return Kind.LOOP;
        }
        for (Pattern p : globs) {
            if (p.matcher(name).matches()) {
                return Kind.LOOP;
            }
        }
        Kind k = byClass.get(t.getClass());
        if (k == Kind.LOOP && isNettyThread(t.getClass()) && permitsBlocking(t)) {
            return Kind.NONE;
        }
        return k;
    }

    private static Kind classKind(Class<?> type) {
        if (isNettyThread(type) || implementsNamed(type, REACTOR_NON_BLOCKING)) {
            return Kind.LOOP;
        }
        return Kind.NONE;
    }

    private static boolean isNettyThread(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (c.getName().equals(NETTY_THREAD)) {
                return true;
            }
        }
        return false;
    }

    private static boolean implementsNamed(Class<?> type, String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                if (i.getName().equals(name) || implementsNamed(i, name)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Netty marks its event-loop threads by {@code permitBlockingCalls() == false} (4.1.53+);
     * other FastThreadLocalThreads (say a blocking executor's) answer true. Older Netty versions
     * lack the method: their threads count as loops only by name.
     */
    private static boolean permitsBlocking(Thread t) {
        try {
            Method m = t.getClass().getMethod("permitBlockingCalls");
            return (Boolean) m.invoke(t);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return true;
        }
    }
}
