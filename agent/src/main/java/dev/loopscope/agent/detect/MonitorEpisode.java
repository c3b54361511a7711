package dev.loopscope.agent.detect;

/** A loop thread seen BLOCKED on a monitor by the watchdog, for as long as it stays blocked on it. */
final class MonitorEpisode {

    final BlockingCall call;
    final long blockedCount;
    long lastSeen;

    MonitorEpisode(BlockingCall call, long blockedCount, long seen) {
        this.call = call;
        this.blockedCount = blockedCount;
        this.lastSeen = seen;
    }
}
