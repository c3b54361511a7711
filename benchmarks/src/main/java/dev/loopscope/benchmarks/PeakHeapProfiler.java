package dev.loopscope.benchmarks;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationFilter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * The heap an iteration occupied, measured inside the fork from the collector's own notices.
 * Each iteration starts after a full {@code System.gc()}, so what the setup or an earlier
 * iteration left behind as garbage is not counted; what they keep (the recording) is.
 *
 * <ul>
 * <li>{@code peakHeapMiB}: the most heap in use at any moment of the iteration, <em>garbage
 * included</em>. Occupancy only grows between collections, so its peaks are the moments just
 * before each one (the sum over the heap pools of {@code getMemoryUsageBeforeGc()}) and the end
 * of the iteration. It is the heap the run actually filled: never more than {@code -Xmx}, and
 * more than it needed when the collector let garbage pile up.
 * <li>{@code liveHeapMiB}: the most heap still in use just after a collection (the one at the
 * start included): what the iteration kept live, plus garbage the collector had not reached
 * (old regions a young collection skips). A live peak between two collections is not seen, so
 * this can be below the true need.
 * </ul>
 *
 * The heap the run needed lies between the two; if it ran under {@code -Xmx1g}, 1 GiB was enough.
 */
public final class PeakHeapProfiler implements InternalProfiler {

    private static final double MIB = 1024.0 * 1024.0;
    /** How long to wait for notices of collections that ended just before the iteration did. */
    private static final long NOTICE_WAIT_NANOS = 2_000_000_000L;

    private static final NotificationFilter NOTICES =
            n -> GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType());

    private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
    private final List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
    /** Per collector, the id (its count) of the last collection before this iteration, and of the last one noticed. */
    private final Map<String, Long> startIds = new ConcurrentHashMap<>();
    private final Map<String, Long> noticedIds = new ConcurrentHashMap<>();
    private final NotificationListener listener = this::collected;
    private long peakBytes;
    private long liveBytes;

    @Override
    public String getDescription() {
        return "Peak heap occupancy of each iteration, garbage included (peakHeapMiB) and after collections (liveHeapMiB)";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        System.gc();
        synchronized (this) {
            startIds.clear();
            noticedIds.clear();
            for (GarbageCollectorMXBean c : collectors) {
                startIds.put(c.getName(), c.getCollectionCount());
            }
            long used = heapUsed();
            peakBytes = used;
            liveBytes = used;
        }
        // After the System.gc(): a late notice of it is ignored all the same (its id is not after the start).
        for (GarbageCollectorMXBean c : collectors) {
            ((NotificationEmitter) c).addNotificationListener(listener, NOTICES, null);
        }
    }

    @Override
    @SuppressWarnings("rawtypes") // as InternalProfiler declares it
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
            IterationResult result) {
        long used = heapUsed();
        awaitNotices();
        for (GarbageCollectorMXBean c : collectors) {
            try {
                ((NotificationEmitter) c).removeNotificationListener(listener, NOTICES, null);
            } catch (ListenerNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
        synchronized (this) {
            peakBytes = Math.max(peakBytes, used);
            return List.of(new ScalarResult("peakHeapMiB", peakBytes / MIB, "MiB", AggregationPolicy.MAX),
                    new ScalarResult("liveHeapMiB", liveBytes / MIB, "MiB", AggregationPolicy.MAX));
        }
    }

    private void collected(Notification n, Object handback) {
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
        long id = info.getGcInfo().getId();
        synchronized (this) {
            noticedIds.merge(info.getGcName(), id, Math::max);
            Long start = startIds.get(info.getGcName());
            if (start == null || id <= start) {
                return; // the System.gc() before the iteration, or earlier
            }
            peakBytes = Math.max(peakBytes, heapSum(info.getGcInfo().getMemoryUsageBeforeGc()));
            liveBytes = Math.max(liveBytes, heapSum(info.getGcInfo().getMemoryUsageAfterGc()));
        }
    }

    /** Notices come on another thread, after the collection: waits until each collection so far was noticed. */
    private void awaitNotices() {
        long deadline = System.nanoTime() + NOTICE_WAIT_NANOS;
        while (System.nanoTime() < deadline && !allNoticed()) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private boolean allNoticed() {
        for (GarbageCollectorMXBean c : collectors) {
            long count = c.getCollectionCount();
            if (count > startIds.getOrDefault(c.getName(), 0L) && noticedIds.getOrDefault(c.getName(), 0L) < count) {
                return false;
            }
        }
        return true;
    }

    private long heapSum(Map<String, MemoryUsage> byPool) {
        long sum = 0;
        for (Map.Entry<String, MemoryUsage> e : byPool.entrySet()) {
            if (heapPools.contains(e.getKey())) {
                sum += e.getValue().getUsed();
            }
        }
        return sum;
    }

    private static long heapUsed() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                sum += p.getUsage().getUsed();
            }
        }
        return sum;
    }
}
