/**
 * What the harness needs of a test's work beyond the timeline: the <em>origin</em> of each
 * thread's work (the thread group of the test it is done for, carried from the thread that submits
 * a task to the thread that runs it), and the CompletableFutures that application code creates,
 * with where, and whether anybody observes them. Off until the harness asks for it.
 */
package dev.loopscope.agent.tracking;
