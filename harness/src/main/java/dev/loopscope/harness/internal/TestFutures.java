package dev.loopscope.harness.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The CompletableFutures a test's code created, as the agent tracked them (see the agent's
 * {@code tracking} package), turned into the test's problems: a failure nobody observed
 * (asyncio's "Task exception was never retrieved"), and a future still pending that nobody
 * ever looked at (work fired and forgotten, leaking into the next test). Needs the agent;
 * without it there is nothing to check.
 */
final class TestFutures {

    /** How long a fired-and-forgotten future may take to settle at the test's end, so the finding does not depend on timing. */
    private static final long SETTLE_NANOS = 200_000_000L;
    private static final int MAX_LISTED = 20;

    private TestFutures() {
    }

    /** The problems with the futures of {@code group}'s work; adds the failures to {@code causes}. Forgets the futures. */
    static List<String> problems(ThreadGroup group, List<Throwable> causes) throws InterruptedException {
        AgentBridge agent = AgentBridge.get();
        long deadline = System.nanoTime() + SETTLE_NANOS;
        while (anyForgottenPending(agent.futuresOf(group, false)) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        List<Map<String, Object>> futures = agent.futuresOf(group, true);
        // a failure read anywhere counts for every future it reached (whenComplete's own result, say)
        Set<Throwable> read = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Map<String, Object> f : futures) {
            if ("failed".equals(f.get("state")) && (Boolean) f.get("consumed")) {
                read.add(root((Throwable) f.get("failure")));
            }
        }
        List<String> out = new ArrayList<>();
        long now = System.nanoTime();
        for (Map<String, Object> f : futures) {
            if ((Boolean) f.get("observed") || (Boolean) f.get("consumed")) {
                continue;
            }
            if ("failed".equals(f.get("state"))) {
                Throwable failure = (Throwable) f.get("failure");
                if (read.add(root(failure))) {
                    out.add(describe(f) + " failed and nobody observed it: " + failure);
                    causes.add(failure);
                }
            } else if ("pending".equals(f.get("state"))) {
                out.add(describe(f) + " is still pending, and nothing ever waited for it or looked at it ("
                        + Durations.format(now - (Long) f.get("createdNanoTime")) + " after it was created)");
            }
        }
        return out;
    }

    /** The incomplete futures of {@code group}'s work, for a timeout's message: oldest first. */
    static List<String> pending(ThreadGroup group) {
        List<String> out = new ArrayList<>();
        long now = System.nanoTime();
        List<Map<String, Object>> futures = AgentBridge.get().futuresOf(group, false);
        int n = 0;
        for (Map<String, Object> f : futures) {
            if ("pending".equals(f.get("state")) && n++ < MAX_LISTED) {
                out.add(describe(f) + ", incomplete for " + Durations.format(now - (Long) f.get("createdNanoTime")));
            }
        }
        if (n > MAX_LISTED) {
            out.add("... and " + (n - MAX_LISTED) + " more incomplete futures");
        }
        return out;
    }

    private static boolean anyForgottenPending(List<Map<String, Object>> futures) {
        for (Map<String, Object> f : futures) {
            if ("pending".equals(f.get("state")) && !(Boolean) f.get("observed") && !(Boolean) f.get("consumed")) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Map<String, Object> f) {
        return "CompletableFuture created at " + f.get("site") + " on thread '" + f.get("thread") + "'";
    }

    private static Throwable root(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
