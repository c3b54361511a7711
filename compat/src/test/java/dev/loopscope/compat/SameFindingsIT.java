package dev.loopscope.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loopscope.agent.it.MiniJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * After both runs (pom.xml: surefire's 'alone' and 'crowded'): Loopscope's whole-run summaries
 * hold the same findings. Compared exactly: every blocking call (thread, API, entry, call site,
 * detail, full stack), the call sites with their counts (in any order: they are listed by total time), every stall (thread, state, threshold,
 * the application's frames in its samples, lambda classes unnumbered), and the application's and the test loops' executors
 * (tasks, failures, rejections, threads). Not compared, because they differ between any two runs or
 * count the other tools' own work: times and durations, thread and task ids (the other agents
 * start threads of their own, which take ids), the number of stack samples of a stall and its CPU
 * time, the whole-run totals of tasks and threads, and the executors and threads of the other tools.
 */
class SameFindingsIT {

    private static final Path ALONE = Paths.get(System.getProperty("compat.aloneReports"), "loopscope-summary.json");
    private static final Path CROWDED = Paths.get(System.getProperty("compat.crowdedReports"), "loopscope-summary.json");
    private static final String APP = "dev.loopscope.compat.Mistakes.";

    @Test
    void theAloneRunFoundEachMistakeOfTheApplication() throws Exception {
        Map<String, Object> alone = summary(ALONE);
        // MistakesTest's sleep and the failing example's, the file read, the join; nothing else.
        assertThat(list(alone, "blockingCallSites")).extracting(s -> s.get("api") + " x" + s.get("count") + " at " + s.get("callSite"))
                .hasSize(3)
                .anySatisfy(s -> assertThat(s).startsWith("Thread.sleep x2 at " + APP + "lambda$sleepOnTheLoop$"))
                .anySatisfy(s -> assertThat(s).startsWith("Files.readString x1 at " + APP + "read(Mistakes.java:"))
                .anySatisfy(s -> assertThat(s).startsWith("LockSupport.park x1 at " + APP + "lambda$joinOnTheLoop$"));
        assertThat(list(alone, "stalls")).hasSize(1);
        assertThat(list(alone, "executors")).extracting(e -> e.get("name")).contains("compat-io", "compat-io-failing");
    }

    @Test
    void theCrowdChangesNoFinding() throws Exception {
        Map<String, Object> alone = summary(ALONE);
        Map<String, Object> crowded = summary(CROWDED);
        for (Map<String, Object> s : List.of(alone, crowded)) {
            assertThat(s).containsEntry("partial", false).containsEntry("dropped", 0L);
        }
        assertThat(detection(crowded)).as("detection settings and counts").isEqualTo(detection(alone));
        assertThat(blockingCalls(crowded)).as("blocking calls").isEqualTo(blockingCalls(alone));
        // sites are listed by total blocking time, which differs between any two runs: compare them as sets
        assertThat(sites(crowded)).as("blocking call sites").isEqualTo(sites(alone));
        assertThat(stalls(crowded)).as("stalls").isEqualTo(stalls(alone));
        assertThat(executors(crowded)).as("the application's executors and the test loops").isEqualTo(executors(alone));
    }

    @Test
    void jacocoWroteTheCrowdedRunsCoverage() throws Exception {
        Path exec = Paths.get(System.getProperty("compat.jacocoExec"));
        assertThat(exec).exists();
        long started = (Long) summary(CROWDED).get("startEpochMillis");
        assertThat(Files.getLastModifiedTime(exec).toMillis()).as("written by the crowded run").isGreaterThanOrEqualTo(started);
        // an execution data file names each class it has probes of
        assertThat(new String(Files.readAllBytes(exec), StandardCharsets.ISO_8859_1)).contains("dev/loopscope/compat/Checkout");
    }

    private static Map<String, Object> detection(Map<String, Object> summary) {
        return map(summary, "detection");
    }

    private static List<Map<String, Object>> blockingCalls(Map<String, Object> summary) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> c : list(summary, "blockingCalls")) {
            out.add(keep(c, "kind", "thread", "api", "category", "entry", "callSite", "detail", "inProgress", "stack"));
        }
        return out;
    }

    private static TreeSet<String> sites(Map<String, Object> summary) {
        TreeSet<String> out = new TreeSet<>();
        for (Map<String, Object> s : list(summary, "blockingCallSites")) {
            assertThat(out.add(site(s))).as("each call site listed once").isTrue();
        }
        return out;
    }

    private static String site(Map<String, Object> s) {
        return s.get("kind") + " " + s.get("api") + " x" + s.get("count") + " at " + s.get("callSite");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> stalls(Map<String, Object> summary) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> s : list(summary, "stalls")) {
            Map<String, Object> m = keep(s, "thread", "inProgress", "thresholdNanos", "state");
            TreeSet<String> appFrames = new TreeSet<>();
            for (Map<String, Object> sample : (List<Map<String, Object>>) s.get("samples")) {
                for (String frame : (List<String>) sample.get("stack")) {
                    if (frame.startsWith("dev.loopscope.compat.")) {
                        // a lambda's hidden class is numbered in load order: Mistakes$$Lambda$761/0x00007ff7b82cf380
                        appFrames.add(frame.replaceAll("\\$\\$Lambda\\$[^.]+", "\\$\\$Lambda"));
                    }
                }
            }
            m.put("application frames sampled", appFrames);
            out.add(m);
        }
        return out;
    }

    private static List<Map<String, Object>> executors(Map<String, Object> summary) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> e : list(summary, "executors")) {
            String name = (String) e.get("name");
            if (name.startsWith("compat-") || name.startsWith("loopscope-test-loop")) {
                out.add(keep(e, "name", "className", "tasks", "failed", "rejected", "notStarted", "running", "threads"));
            }
        }
        return out;
    }

    private static Map<String, Object> keep(Map<String, Object> m, String... keys) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String k : keys) {
            assertThat(m).containsKey(k);
            out.put(k, m.get(k));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> summary(Path file) throws Exception {
        assertThat(file).as("Loopscope's summary of that run").exists();
        return (Map<String, Object>) MiniJson.parse(Files.readString(file));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> m, String key) {
        return (Map<String, Object>) m.get(key);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> m, String key) {
        return (List<Map<String, Object>>) m.get(key);
    }
}
