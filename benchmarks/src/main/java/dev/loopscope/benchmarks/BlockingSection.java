package dev.loopscope.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.openjdk.jmh.runner.RunnerException;

/**
 * {@link BlockingCallBenchmark} with no agent, Loopscope (everything on, and detection only) and
 * BlockHound (with the flag it needs since JDK 13), one fork per configuration and round.
 */
final class BlockingSection {

    private BlockingSection() {
    }

    static Map<String, String[]> configurations(RunnerArgs args) {
        Map<String, String[]> c = new LinkedHashMap<>();
        c.put("no agent", new String[0]);
        c.put("Loopscope", new String[] {args.agent});
        c.put("Loopscope, detection only", new String[] {args.agent + ",timeline=false"});
        c.put("BlockHound", new String[] {"-Dbench.blockhound=true", "-XX:+AllowRedefinitionToAddDeleteMethods"});
        return c;
    }

    static int forks(RunnerArgs args) {
        return configurations(args).size() * args.mode.rounds;
    }

    static String run(RunnerArgs args, Progress progress) throws RunnerException {
        Map<String, String[]> configs = configurations(args);
        Map<String, Supplier<Jmh>> runs = new LinkedHashMap<>();
        configs.forEach((name, jvmArgs) -> runs.put(name, () -> Jmh.of(args.mode, BlockingCallBenchmark.class, ".*").jvmArgs(jvmArgs)));
        Map<String, Map<String, Score>> scores = Jmh.inTurn(args.mode, progress, "blocking calls", runs);
        Map<String, Score> base = scores.get("no agent");

        List<String> header = new ArrayList<>(List.of("call (ns/op)"));
        header.addAll(configs.keySet());
        Markdown table = new Markdown(header);
        for (Map.Entry<String, Score> b : base.entrySet()) {
            List<String> row = new ArrayList<>(List.of(b.getKey()));
            for (String config : configs.keySet()) {
                row.add(scores.get(config).get(b.getKey()).show("%.1f"));
            }
            table.row(row);
        }

        StringBuilder out = new StringBuilder("## Blocking-call detection where blocking is allowed\n\n")
                .append("What the hooks cost on an ordinary thread, the common case in real programs: every park, `sleep(0)`")
                .append(" and file read passes through them and the answer is \"not a loop thread\" (`BlockingCallBenchmark`).")
                .append(" `nonBlocking` calls nothing blocking. BlockHound is installed as a user installs it, with")
                .append(" `-XX:+AllowRedefinitionToAddDeleteMethods`, and proves in each fork that it is active; it does not")
                .append(" hook `FileChannel`, so its `fileChannelRead` costs nothing *and detects nothing*.")
                .append(" Nanoseconds per call ± the 99.9% error.\n\n")
                .append(table).append('\n')
                .append("| target | measured | verdict |\n|---|---|---|\n");
        Map<String, Score> detection = scores.get("Loopscope, detection only");
        Map<String, Score> blockHound = scores.get("BlockHound");
        for (String call : List.of("sleepZero", "parkWithPermit", "randomAccessFileRead")) {
            out.append("| ").append(call).append(": detection only costs no more than BlockHound | ")
                    .append(detection.get(call).show("%.1f")).append(" against ").append(blockHound.get(call).show("%.1f"))
                    .append(" ns | ").append(Target.atMost(detection.get(call), blockHound.get(call))).append(" |\n");
        }
        Score.Ratio nonBlocking = base.get("nonBlocking").over(detection.get("nonBlocking"));
        out.append("| nonBlocking: detection only has no measurable cost (no agent's time over detection only's) | ")
                .append(nonBlocking).append(" | ").append(Target.noMeasurableCost(nonBlocking)).append(" |\n\n");
        return out.toString();
    }
}
