package dev.loopscope.compat;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * BlockHound's rule for the crowded run, found by its JUnit Platform listener through
 * META-INF/services: threads named {@code compat-nonblocking-*} must not block. No thread of the
 * application's is such a thread (Loopscope's findings must not change), so only ToolsTest's probe trips it.
 */
public final class CompatBlockHoundIntegration implements BlockHoundIntegration {

    @Override
    public void applyTo(BlockHound.Builder builder) {
        builder.nonBlockingThreadPredicate(p -> p.or(t -> t.getName().startsWith("compat-nonblocking-")));
    }
}
