/**
 * The recorder: turns hook calls into compact events in per-thread logs, within a fixed memory
 * budget, without locks on the hot path.
 *
 * <p>Each thread appends to its own {@link dev.loopscope.agent.recorder.ThreadLog}; nothing is
 * matched or looked up while the application runs. A task's submission and its run are tied
 * together afterwards, by {@link dev.loopscope.agent.timeline.TimelineBuilder}, from the task
 * object's identity hash and the order of events. The layout of an event lives in one place,
 * {@link dev.loopscope.agent.recorder.EventLayout}, shared by the writer and the reader.
 */
package dev.loopscope.agent.recorder;
