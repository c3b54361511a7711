package dev.loopscope.agent.timeline;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Readable executor names. A name given through the public API wins; otherwise the name is the
 * common stem of the threads its tasks ran on ({@code pool-3-thread-7} gives {@code pool-3},
 * {@code ForkJoinPool.commonPool-worker-1} gives {@code ForkJoinPool.commonPool}); an executor
 * whose tasks never ran is named by its class and identity.
 */
final class ExecutorNames {

    static final String THREAD_START = "Thread.start";
    static final String VIRTUAL_THREADS = "virtual threads";
    static final String UNKNOWN = "ForkJoinPool (unidentified)";
    static final String OVERFLOW = "(executors seen after the buffer was full)";
    static final String DIRECT = "(run without submission)";

    private ExecutorNames() {
    }

    interface Candidate {
        String userName();

        String className();

        int identityHash();

        Map<String, Integer> threadPrefixes();

        void setName(String name);
    }

    /** The stem of a pool thread's name: trailing numbers, separators and "thread"/"worker" go. */
    static String threadPrefix(String threadName) {
        String s = stripNumberAndSeparators(threadName);
        for (String word : new String[] {"thread", "worker", "Thread", "Worker"}) {
            if (s.endsWith(word) && s.length() > word.length()) {
                s = stripSeparators(s.substring(0, s.length() - word.length()));
                break;
            }
        }
        return s.isEmpty() ? threadName : s;
    }

    private static String stripSeparators(String s) {
        int end = s.length();
        while (end > 0 && "-_#. ".indexOf(s.charAt(end - 1)) >= 0) {
            end--;
        }
        return s.substring(0, end);
    }

    private static String stripNumberAndSeparators(String s) {
        int end = s.length();
        while (end > 0 && (Character.isDigit(s.charAt(end - 1)) || "-_#. ".indexOf(s.charAt(end - 1)) >= 0)) {
            end--;
        }
        return s.substring(0, end);
    }

    static void assign(List<? extends Candidate> candidates) {
        Map<String, Integer> used = new HashMap<>();
        for (Candidate c : candidates) {
            String base = c.userName();
            if (base == null) {
                base = mostCommon(c.threadPrefixes());
            }
            if (base == null) {
                base = simpleName(c.className()) + "@" + Integer.toHexString(c.identityHash());
            }
            int seen = used.merge(base, 1, Integer::sum);
            c.setName(seen == 1 ? base : base + " #" + seen);
        }
    }

    private static String mostCommon(Map<String, Integer> counts) {
        String best = null;
        int bestCount = 0;
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            if (e.getValue() > bestCount || e.getValue() == bestCount && e.getKey().compareTo(best) < 0) {
                best = e.getKey();
                bestCount = e.getValue();
            }
        }
        return best;
    }

    static String simpleName(String className) {
        int dot = className.lastIndexOf('.');
        return dot >= 0 ? className.substring(dot + 1) : className;
    }
}
