package dev.loopscope.agent.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Blocking calls that are not findings. An entry is a method anywhere in the stack ({@code
 * com.acme.Cache.load}), every method of a class or package ({@code com.acme.legacy.*}), or a
 * whole API ({@code api:Thread.sleep}). Each entry counts its matches, so the report can list the
 * ones that never matched (most likely mistyped).
 */
public final class AllowList {

    /** The built-in entry for the static initializer of any JDK class (not a form users can write). */
    static final String JDK_CLASS_INIT = "<clinit> of JDK classes";
    /**
     * The built-in entry for a lock or monitor taken by JDK code alone, with no frame of the
     * application on the stack (the HttpClient's selector lock, say): short, and nothing the
     * application could change. A lock taken from application code is still reported.
     */
    static final String JDK_INTERNAL_LOCKS = "locks taken by JDK code alone";
    /**
     * The built-in entry for the JDK HttpClient's own short locks, taken inside sendAsync and its
     * stages (a client shared by two loop threads contends on them now and then). Its blocking
     * {@code send} is still a finding: this entry only covers parks and monitors.
     */
    static final String HTTP_CLIENT_LOCKS = "locks inside the JDK HttpClient";
    /**
     * The built-in entry for the monitors of reflection's lazily built caches (annotations of a
     * {@code Method}, generic signatures), entered by {@code java.lang.reflect} code itself: two
     * loop threads asking for the same annotations at once (Netty does, for each new handler
     * class) wait for each other once. A monitor of the application's reached through reflection
     * is entered in the application's own frame, and still reported.
     */
    static final String REFLECTION_CACHE_LOCKS = "monitors of reflection's caches";

    /** Normal JVM work that blocks for a moment on any thread: never the application's mistake. */
    public static final List<String> BUILT_IN = List.of(
            "java.lang.ClassLoader.loadClass", // class loading reads jars and takes the loader's lock
            "jdk.internal.loader.*",
            JDK_CLASS_INIT, // a JDK class initializing itself, once per JVM (sun.net.NetProperties reads a file)
            "java.lang.invoke.*", // linking lambdas and method handles
            "jdk.jfr.*", // JFR's own chunk and stream work
            JDK_INTERNAL_LOCKS,
            HTTP_CLIENT_LOCKS,
            REFLECTION_CACHE_LOCKS,
            // the JUnit harness's own bookkeeping on its test loops (a lock it shares with the test
            // thread); the tasks it runs are still checked: their call sites are the application's
            "dev.loopscope.harness.internal.*",
            // Netty's own idle waits and timers on its threads, as its BlockHound integration allows them;
            // its selector wait too, which contends for the selector's lock while another thread
            // registers or closes a channel (4.2's NioIoHandler, 4.1's NioEventLoop)
            "io.netty.channel.nio.NioIoHandler.select",
            "io.netty.channel.nio.NioEventLoop.select",
            "io.netty.util.concurrent.SingleThreadEventExecutor.takeTask",
            "io.netty.util.concurrent.SingleThreadEventExecutor.confirmShutdown",
            "io.netty.util.concurrent.GlobalEventExecutor.takeTask",
            // handing a task to Netty's global executor or another loop: its queue's lock is held
            // for a moment, but a loop that ends notifies its group's termination this way and can
            // wait for the lock when the holder is descheduled (seen under load)
            "io.netty.util.concurrent.GlobalEventExecutor.addTask",
            "io.netty.util.concurrent.SingleThreadEventExecutor.addTask",
            "io.netty.util.HashedWheelTimer$Worker.waitForNextTick");

    /**
     * Built-in entries that hold wherever their frame is in the stack: work the JVM does for
     * whatever code runs (loading and initializing classes). The other built-in entries only
     * match between the blocking API and the call site, so that the application's own blocking
     * reached through reflection or a lambda is still reported.
     */
    private static final List<String> ANYWHERE = List.of("java.lang.ClassLoader.loadClass", "jdk.internal.loader.*",
            JDK_CLASS_INIT);

    /** One entry and its matches. */
    public static final class Entry {
        public final String text;
        public final boolean builtIn;
        private final String api;
        private final String method;
        private final String prefix;
        private final boolean jdkClassInit;
        private final boolean jdkInternalLocks;
        private final boolean httpClientLocks;
        private final boolean reflectionCacheLocks;
        private final AtomicLong matches = new AtomicLong();

        /** How deep into the stack the entry looks: everywhere, or down to the call site. */
        private final boolean anywhere;

        Entry(String text, boolean builtIn) {
            this.text = text;
            this.builtIn = builtIn;
            this.anywhere = !builtIn || ANYWHERE.contains(text);
            this.jdkClassInit = text.equals(JDK_CLASS_INIT);
            this.jdkInternalLocks = text.equals(JDK_INTERNAL_LOCKS);
            this.httpClientLocks = text.equals(HTTP_CLIENT_LOCKS);
            this.reflectionCacheLocks = text.equals(REFLECTION_CACHE_LOCKS);
            if (jdkClassInit || jdkInternalLocks || httpClientLocks || reflectionCacheLocks) {
                api = null;
                method = null;
                prefix = null;
            } else if (text.startsWith("api:")) {
                api = text.substring(4);
                method = null;
                prefix = null;
            } else if (text.endsWith(".*")) {
                api = null;
                method = null;
                prefix = text.substring(0, text.length() - 1);
            } else {
                api = null;
                method = text;
                prefix = null;
            }
        }

        boolean matches(BlockingApi a, StackTraceElement[] stack) {
            if (api != null) {
                return api.equals(a.name);
            }
            boolean lock = a.category.equals("park") || a.category.equals("monitor");
            if (jdkInternalLocks) {
                return lock && StackFrames.callSite(stack) < 0;
            }
            if (reflectionCacheLocks) {
                return a.category.equals("monitor") && stack.length > 0
                        && stack[0].getClassName().startsWith("java.lang.reflect.");
            }
            if (httpClientLocks) {
                int site = StackFrames.callSite(stack);
                for (int i = 0; lock && i < (site < 0 ? stack.length : site); i++) {
                    if (stack[i].getClassName().startsWith("jdk.internal.net.http.")) {
                        return true;
                    }
                }
                return false;
            }
            int depth = anywhere ? stack.length : Math.min(stack.length, StackFrames.callSite(stack) + 1);
            if (depth <= 0) {
                depth = stack.length; // all JDK frames: no call site to stop at
            }
            for (int i = 0; i < depth; i++) {
                StackTraceElement e = stack[i];
                String cls = e.getClassName();
                if (jdkClassInit) {
                    if (e.getMethodName().equals("<clinit>") && StackFrames.isJdk(cls)) {
                        return true;
                    }
                } else if (prefix != null ? (cls + ".").startsWith(prefix) : method.equals(cls + "." + e.getMethodName())) {
                    return true;
                }
            }
            return false;
        }

        public long matches() {
            return matches.get();
        }
    }

    private final List<Entry> entries = new CopyOnWriteArrayList<>();

    public AllowList(List<String> userEntries) {
        for (String e : BUILT_IN) {
            entries.add(new Entry(e, true));
        }
        for (String e : userEntries) {
            entries.add(new Entry(e, false));
        }
    }

    /** Adds an entry at run time (the public API); the text is checked by the caller. */
    public synchronized void add(String text) {
        if (entries.size() >= MAX_ENTRIES) {
            return;
        }
        for (Entry e : entries) {
            if (e.text.equals(text)) {
                return;
            }
        }
        entries.add(new Entry(text, false));
    }

    /** Entries are scanned on every finding: an application adding one per request must not grow the list. */
    private static final int MAX_ENTRIES = 1_000;

    /** The entry that allows this call, counting the match; null when the call is a finding. */
    Entry allowing(BlockingApi api, StackTraceElement[] stack) {
        for (Entry e : entries) {
            if (e.matches(api, stack)) {
                e.matches.incrementAndGet();
                return e;
            }
        }
        return null;
    }

    /** The entries the user gave that never matched a call. */
    public List<String> unusedUserEntries() {
        List<String> out = new ArrayList<>();
        for (Entry e : entries) {
            if (!e.builtIn && e.matches() == 0) {
                out.add(e.text);
            }
        }
        return out;
    }

    public List<Entry> entries() {
        return List.copyOf(entries);
    }
}
