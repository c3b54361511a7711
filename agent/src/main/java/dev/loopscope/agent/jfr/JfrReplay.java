package dev.loopscope.agent.jfr;

import dev.loopscope.agent.recorder.Failure;
import dev.loopscope.agent.timeline.RawEvents;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Reads the {@code loopscope.*} events of a JFR recording back as {@link RawEvents}.
 *
 * <p>Two passes over the file: the first learns what a submission event alone does not say (whether
 * the executor later rejected it, the earliest time, executor names, final thread names); the
 * second streams submissions and runs straight into the consumer, so nothing per task is held here.
 * Only the file's whole chunks are read (see {@link ChunkScan}); a cut-off file reads as partial.
 */
public final class JfrReplay implements AutoCloseable {

    private final Path source;
    private final boolean temporary;
    private String cutShort;
    private long eventsToRead = Long.MAX_VALUE;

    private final Map<Integer, ExecutorRecord> executors = new LinkedHashMap<>();
    private final Map<Integer, ThreadRecord> threads = new LinkedHashMap<>();
    private final Set<Long> rejected = new HashSet<>();
    private long loopscopeEvents;
    private long originNanos = Long.MAX_VALUE;
    private long epochMinusNanos;
    private String jdk;

    private static final class ExecutorRecord {
        String className;
        int identityHash;
        String userName;
    }

    private static final class ThreadRecord {
        long javaId;
        String name;
        boolean daemon;
    }

    private JfrReplay(Path source, boolean temporary, String cutShort) {
        this.source = source;
        this.temporary = temporary;
        this.cutShort = cutShort;
    }

    /**
     * Opens {@code file} and reads its first pass.
     *
     * @throws RecordingFileException when nothing in it can be read as JFR, with the reason
     * @throws IOException when the file cannot be read at all (missing, no permission)
     */
    public static JfrReplay open(Path file) throws IOException {
        ChunkScan scan = ChunkScan.of(file);
        if (scan.wholeChunks == 0) {
            throw new RecordingFileException(scan.damaged ? scan.cutShort + "; nothing in it can be read"
                    : "the recording was cut short before its first chunk was complete: " + scan.cutShort
                            + "; nothing in it can be read");
        }
        JfrReplay replay = scan.cutShort == null ? new JfrReplay(file, false, null)
                : new JfrReplay(copyPrefix(file, scan.wholeBytes), true,
                        scan.cutShort + "; read the first " + scan.wholeChunks + " whole chunk(s), "
                                + scan.wholeBytes + " bytes");
        try {
            replay.index();
            return replay;
        } catch (IOException | RuntimeException e) {
            replay.close();
            throw e;
        }
    }

    private static Path copyPrefix(Path file, long bytes) throws IOException {
        Path copy = Files.createTempFile("loopscope-", ".jfr");
        try (InputStream in = Files.newInputStream(file); OutputStream out = Files.newOutputStream(copy)) {
            byte[] buffer = new byte[1 << 16];
            long left = bytes;
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    throw new IOException("file shrank while being read");
                }
                out.write(buffer, 0, n);
                left -= n;
            }
        } catch (IOException e) {
            Files.deleteIfExists(copy);
            throw e;
        }
        return copy;
    }

    /** Why the recording is incomplete (it was cut off or damaged), or null when it was read whole. */
    public String cutShort() {
        return cutShort;
    }

    public long loopscopeEvents() {
        return loopscopeEvents;
    }

    /** The earliest nanoTime of any task event: time 0 of the timeline. */
    public long originNanos() {
        return loopscopeEvents == 0 ? 0 : originNanos;
    }

    /** The wall-clock time of {@link #originNanos()}, from JFR's own timestamps. */
    public long startEpochMillis() {
        return Math.floorDiv(originNanos() + epochMinusNanos, 1_000_000L);
    }

    /** The recorded JVM's version ({@code java.vm.version}), when the recording has it. */
    public String jdk() {
        return jdk != null ? jdk : "unknown";
    }

    private interface Visitor {
        void accept(RecordedEvent e);
    }

    /**
     * Reads every event of the whole chunks. A chunk damaged inside still yields what came before
     * the damage: the first pass notes where it stopped, so that the second stops there too.
     */
    private long read(Visitor visitor) throws IOException {
        long count = 0;
        try (RecordingFile file = new RecordingFile(source)) {
            while (count < eventsToRead && file.hasMoreEvents()) {
                RecordedEvent e = file.readEvent();
                count++;
                visitor.accept(e);
            }
        } catch (IOException | RuntimeException e) {
            // The JDK's parser reports damaged data with either kind of exception.
            String why = e instanceof IOException && e.getMessage() != null ? e.getMessage() : e.toString();
            if (count == 0) {
                // A parser crash on garbage (an index out of bounds, say) means the same to the user: damaged data.
                throw new RecordingFileException("not readable as a JFR recording: its chunk header is whole, but its"
                        + " metadata or events are damaged (the JDK's reader said: " + why + ")");
            }
            if (eventsToRead == Long.MAX_VALUE) {
                cutShort = "its data is damaged after event " + count + " (" + why + ")";
            }
        }
        return count;
    }

    private void index() throws IOException {
        long read = read(this::learn);
        if (cutShort != null) {
            eventsToRead = read;
        }
    }

    private void learn(RecordedEvent e) {
        String type = e.getEventType().getName();
        switch (type) {
            case EventNames.EXECUTOR: {
                ExecutorRecord x = executors.computeIfAbsent(e.getInt("executorId"), id -> new ExecutorRecord());
                x.className = e.getString("executorClass");
                x.identityHash = e.getInt("identityHash");
                // Emitted again at every chunk start: a name, once given, is kept.
                String name = e.getString("userName");
                if (name != null) {
                    x.userName = name;
                }
                loopscopeEvents++;
                break;
            }
            case EventNames.TASK_SUBMIT:
                learnTask(e, e.getLong("submitNanos"));
                break;
            case EventNames.TASK_RUN:
                learnTask(e, e.getLong("startNanos"));
                break;
            case EventNames.TASK_REJECTED:
                rejected.add(e.getLong("ref"));
                loopscopeEvents++;
                break;
            case "jdk.InitialSystemProperty":
                // The JVM's initial properties are all JFR keeps; java.vm.version is the build.
                if ("java.vm.version".equals(e.getString("key"))) {
                    jdk = e.getString("value");
                }
                break;
            default:
                break;
        }
    }

    private void learnTask(RecordedEvent e, long nanos) {
        loopscopeEvents++;
        if (nanos < originNanos) {
            originNanos = nanos;
            // The event's own JFR start time was taken next to this nanoTime: their difference
            // converts the timeline's origin to wall-clock time.
            Instant at = e.getStartTime();
            epochMinusNanos = at.getEpochSecond() * 1_000_000_000L + at.getNano() - nanos;
        }
        RecordedThread t = e.getThread();
        if (t != null) {
            ThreadRecord row = threads.computeIfAbsent(threadKey(t), k -> new ThreadRecord());
            row.javaId = t.getJavaThreadId();
            row.name = t.getJavaName();
            row.daemon = e.getBoolean("daemon");
        }
    }

    private static int threadKey(RecordedThread t) {
        return t == null ? -1 : (int) t.getJavaThreadId();
    }

    /** Delivers everything read to {@code out}. */
    public void replay(RawEvents out) throws IOException {
        executors.forEach((id, x) -> out.executor(id, x.className, x.identityHash, x.userName));
        threads.forEach((key, t) -> out.thread(key, t.javaId, t.name, t.daemon));
        long[] droppedRunRefs = {Long.MIN_VALUE};
        read(e -> {
            String type = e.getEventType().getName();
            if (type.equals(EventNames.TASK_SUBMIT)) {
                long ref = e.getLong("ref");
                out.submit(ref, threadKey(e.getThread()), e.getInt("identityHash"), e.getLong("submitNanos"),
                        e.getLong("parentRef"), e.getInt("executorId"), e.getString("taskClass"),
                        e.getLong("plannedNanos"), ref != 0 && rejected.contains(ref));
            } else if (type.equals(EventNames.TASK_RUN)) {
                long ref = e.getLong("ref");
                // A run the recorder's buffer had no room for has no ref (0 or -1); it still needs
                // its own, and a negative one is never the parent of anything.
                if (ref <= 0) {
                    ref = droppedRunRefs[0]++;
                }
                String failureClass = e.getString("failureClass");
                out.run(ref, threadKey(e.getThread()), e.getInt("identityHash"), e.getBoolean("threadRun"),
                        e.getLong("startNanos"), e.getLong("endNanos"),
                        failureClass == null ? null : new Failure(failureClass, e.getString("failureMessage")));
            }
        });
        out.dropped(0);
    }

    @Override
    public void close() throws IOException {
        if (temporary) {
            Files.deleteIfExists(source);
        }
    }
}
