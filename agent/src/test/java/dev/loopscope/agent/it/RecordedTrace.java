package dev.loopscope.agent.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** The task runs of a {@code loopscope-trace.json}, read back for assertions. */
public final class RecordedTrace {

    /** One run slice of the trace. */
    public static final class Task {
        public final long id;
        public final Long parent;
        public final String name;
        public final String executor;
        public final String thread;
        public final double startMicros;
        public final double durationMicros;
        public final Double queueWaitMicros;
        public final Double driftMicros;
        public final String outcome;
        Long submitThreadTid;
        Double submitMicros;

        Task(long id, Long parent, String name, String executor, String thread, double start, double duration,
                Double queueWait, Double drift, String outcome) {
            this.id = id;
            this.parent = parent;
            this.name = name;
            this.executor = executor;
            this.thread = thread;
            this.startMicros = start;
            this.durationMicros = duration;
            this.queueWaitMicros = queueWait;
            this.driftMicros = drift;
            this.outcome = outcome;
        }

        public double endMicros() {
            return startMicros + durationMicros;
        }

        public Double submitMicros() {
            return submitMicros;
        }

        @Override
        public String toString() {
            return "#" + id + " " + name + " on " + thread + " (" + executor + ", parent " + parent + ", " + outcome + ")";
        }
    }

    private final List<Task> tasks;
    private final Map<Long, Task> byId;
    private final Map<Long, String> threadNames;
    private final List<Map<String, Object>> findings;

    private RecordedTrace(List<Task> tasks, Map<Long, String> threadNames, List<Map<String, Object>> findings) {
        this.tasks = tasks;
        this.findings = findings;
        this.threadNames = threadNames;
        // A virtual thread has a slice per mount; a task is known by its first.
        this.byId = tasks.stream().collect(Collectors.toMap(t -> t.id, t -> t, (first, later) -> first));
    }

    @SuppressWarnings("unchecked")
    static RecordedTrace read(Path file) throws IOException {
        Map<String, Object> root = (Map<String, Object>) MiniJson.parse(Files.readString(file));
        List<Map<String, Object>> events = (List<Map<String, Object>>) root.get("traceEvents");
        Map<Long, String> threads = new HashMap<>();
        for (Map<String, Object> e : events) {
            if ("M".equals(e.get("ph")) && "thread_name".equals(e.get("name"))) {
                threads.put((Long) e.get("tid"), (String) ((Map<String, Object>) e.get("args")).get("name"));
            }
        }
        List<Task> tasks = new ArrayList<>();
        List<Map<String, Object>> findings = new ArrayList<>();
        Map<Long, Task> byId = new HashMap<>();
        for (Map<String, Object> e : events) {
            if (!"X".equals(e.get("ph"))) {
                continue;
            }
            Map<String, Object> args = (Map<String, Object>) e.get("args");
            if (!args.containsKey("task")) {
                findings.add(e); // a blocking call or a stall, not a task
                continue;
            }
            Task t = new Task((Long) args.get("task"), (Long) args.get("parent"), (String) e.get("name"),
                    (String) e.get("cat"), threads.get((Long) e.get("tid")), num(e.get("ts")), num(e.get("dur")),
                    optNum(args.get("queueWaitUs")), optNum(args.get("driftUs")),
                    (String) args.getOrDefault("outcome", "normal"));
            tasks.add(t);
            byId.putIfAbsent(t.id, t);
        }
        for (Map<String, Object> e : events) {
            if ("s".equals(e.get("ph"))) {
                Task t = byId.get((Long) e.get("id"));
                if (t != null) {
                    t.submitThreadTid = (Long) e.get("tid");
                    t.submitMicros = num(e.get("ts"));
                }
            }
        }
        return new RecordedTrace(tasks, threads, findings);
    }

    private static double num(Object o) {
        return ((Number) o).doubleValue();
    }

    private static Double optNum(Object o) {
        return o == null ? null : ((Number) o).doubleValue();
    }

    public List<Task> tasks() {
        return tasks;
    }

    public List<Task> tasks(Predicate<Task> filter) {
        return tasks.stream().filter(filter).collect(Collectors.toList());
    }

    public List<Task> onExecutor(String executor) {
        return tasks(t -> t.executor.equals(executor));
    }

    /** The slices of findings (category blocking, stall or pinned), as raw trace events. */
    public List<Map<String, Object>> findings(String category) {
        return findings.stream().filter(e -> category.equals(e.get("cat"))).collect(Collectors.toList());
    }

    /** The name of the thread whose track a slice is on. */
    public String threadOf(Map<String, Object> slice) {
        return threadNames.get((Long) slice.get("tid"));
    }

    /** The names of every thread with a track in the trace. */
    public java.util.Collection<String> threadNames() {
        return threadNames.values();
    }

    public Task byId(long id) {
        return byId.get(id);
    }

    public String submitThread(Task t) {
        return t.submitThreadTid == null ? null : threadNames.get(t.submitThreadTid);
    }
}
