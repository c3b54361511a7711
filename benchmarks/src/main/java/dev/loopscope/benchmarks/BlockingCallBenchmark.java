package dev.loopscope.benchmarks;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import reactor.blockhound.BlockHound;
import reactor.blockhound.BlockingOperationError;

/**
 * What blocking-call detection costs where blocking is allowed, the common case in real programs:
 * every park, {@code sleep(0)} and file read on a worker thread passes through the hooks, and the
 * answer is "not a loop thread". Also code that calls nothing blocking, which should cost nothing.
 * The JMH thread is an ordinary thread to both tools. {@link BlockingCallComparison} runs this in
 * forks with no agent, with Loopscope and with BlockHound ({@code -Dbench.blockhound=true}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class BlockingCallBenchmark {

    private Path file;
    private FileChannel channel;
    private RandomAccessFile raf;
    private final ByteBuffer buffer = ByteBuffer.allocate(64);
    private final byte[] bytes = new byte[64];
    private final long[] numbers = new long[64];

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        if (Boolean.getBoolean("bench.blockhound")) {
            installBlockHound();
        }
        file = Files.createTempFile("loopscope-bench", ".bin");
        Files.write(file, new byte[4096]); // in the page cache: the read costs the call, not the disk
        channel = FileChannel.open(file, StandardOpenOption.READ);
        raf = new RandomAccessFile(file.toFile(), "r");
        for (int i = 0; i < numbers.length; i++) {
            numbers[i] = i * 31L;
        }
    }

    /**
     * BlockHound as a user installs it, plus one thread it treats as non-blocking, to prove it is
     * really active in this fork: a sleep there must fail.
     */
    private static void installBlockHound() {
        BlockHound.builder()
                .nonBlockingThreadPredicate(p -> p.or(t -> t.getName().equals("bench-non-blocking")))
                .install();
        Throwable[] seen = new Throwable[1];
        Thread probe = new Thread(() -> {
            try {
                Thread.sleep(1);
            } catch (Throwable t) {
                seen[0] = t;
            }
        }, "bench-non-blocking");
        probe.start();
        try {
            probe.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!(seen[0] instanceof BlockingOperationError)) {
            throw new IllegalStateException("BlockHound is not active in this fork: a sleep on its non-blocking thread gave " + seen[0]);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        channel.close();
        raf.close();
        Files.deleteIfExists(file);
    }

    /** {@code Thread.sleep(0)}: hooked by both tools, returns at once. */
    @Benchmark
    public void sleepZero() throws InterruptedException {
        Thread.sleep(0);
    }

    /** A park that returns at once (the permit is there): what every j.u.c wait goes through. */
    @Benchmark
    public void parkWithPermit() {
        LockSupport.unpark(Thread.currentThread());
        LockSupport.park();
    }

    /** 64 bytes from a cached file through {@code FileChannel} (BlockHound does not hook it). */
    @Benchmark
    public int fileChannelRead() throws IOException {
        buffer.clear();
        return channel.read(buffer, 0);
    }

    /** 64 bytes from a cached file through {@code RandomAccessFile} (hooked by both). */
    @Benchmark
    public int randomAccessFileRead() throws IOException {
        raf.seek(0);
        return raf.read(bytes);
    }

    /** No blocking API at all: any cost here would be the agents' general overhead. */
    @Benchmark
    public long nonBlocking() {
        long h = 0;
        for (long n : numbers) {
            h = h * 31 + Long.hashCode(n);
        }
        return h;
    }
}
