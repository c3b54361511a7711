package dev.loopscope.compat;

import java.util.concurrent.Callable;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Which run this is. The same tests run twice (pom.xml): under Loopscope alone, and in the crowded
 * run ({@code -Dcompat.crowded=true}) beside the JaCoCo agent, Mockito's inline mock maker,
 * BlockHound and the OpenTelemetry agent, where they use those tools too: the price feed is a
 * Mockito mock of a final class, and the checkout runs inside an OpenTelemetry span, whose
 * context the agent carries into every task. The tools' own classes are only touched in the
 * crowded run ({@link WithMockito}, {@link WithOtel}); in the alone run they are not on the class path.
 */
final class Crowd {

    static final boolean CROWDED = Boolean.getBoolean("compat.crowded");

    private Crowd() {
    }

    /** The real feed alone; a Mockito mock of it (a final class), answering the same, in the crowd. */
    static PriceFeed priceFeed() {
        return CROWDED ? WithMockito.delegatingMock(new PriceFeed()) : new PriceFeed();
    }

    /** In the crowd, checks that the mock answered {@code times} calls; alone, nothing to check. */
    static void verifyPricesAsked(PriceFeed feed, int times) {
        if (CROWDED) {
            WithMockito.verifyPricesAsked(feed, times);
        }
    }

    /** Runs {@code body}; in the crowd, inside an OpenTelemetry span. */
    static <T> T inSpan(String name, Callable<T> body) throws Exception {
        return CROWDED ? WithOtel.inSpan(name, body) : body.call();
    }

    /** Threads named {@code prefix-1}, {@code prefix-2}, ...: the executor's name in Loopscope's reports is {@code prefix}. */
    static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> new Thread(r, prefix + "-" + n.incrementAndGet());
    }
}
