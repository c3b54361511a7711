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

    /** Normal JVM work that blocks for a moment on any thread: never the application's mistake. */
    public static final List<String> BUILT_IN = List.of(
            "java.lang.ClassLoader.loadClass", // class loading reads jars and takes the loader's lock
            "jdk.internal.loader.*",
            "java.lang.invoke.*", // linking lambdas and method handles
            "jdk.internal.reflect.*",
            "jdk.jfr.*", // JFR's own chunk and stream work
            "java.util.concurrent.ForkJoinTask.awaitDone", // fork/join's own join, which helps instead of idling
            JDK_CLASS_INIT, // a JDK class initializing itself, once per JVM (sun.net.NetProperties reads a file)
            JDK_INTERNAL_LOCKS);

    /** One entry and its matches. */
    public static final class Entry {
        public final String text;
        public final boolean builtIn;
        private final String api;
        private final String method;
        private final String prefix;
        private final boolean jdkClassInit;
        private final boolean jdkInternalLocks;
        private final AtomicLong matches = new AtomicLong();

        Entry(String text, boolean builtIn) {
            this.text = text;
            this.builtIn = builtIn;
            this.jdkClassInit = text.equals(JDK_CLASS_INIT);
            this.jdkInternalLocks = text.equals(JDK_INTERNAL_LOCKS);
            if (jdkClassInit || jdkInternalLocks) {
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
            if (jdkInternalLocks) {
                return (a.category.equals("park") || a.category.equals("monitor")) && StackFrames.callSite(stack) < 0;
            }
            for (StackTraceElement e : stack) {
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
    public void add(String text) {
        entries.add(new Entry(text, false));
    }

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
