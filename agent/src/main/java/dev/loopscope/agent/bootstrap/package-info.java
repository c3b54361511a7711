/**
 * The bootstrap bridge: the few classes that instrumented JDK code calls into.
 *
 * <p>JDK classes such as {@code ThreadPoolExecutor} are loaded by the bootstrap class loader, so
 * code inlined into them can only see classes on the bootstrap class path. At start-up the agent
 * copies this package (and {@code dev.loopscope.api}) into a small jar and appends it there; the
 * recorder, loaded by the system class loader, then plugs itself in through {@link
 * dev.loopscope.agent.bootstrap.Hooks#install}. Nothing here may depend on any other agent
 * package, and nothing here may throw into the application.
 */
package dev.loopscope.agent.bootstrap;
