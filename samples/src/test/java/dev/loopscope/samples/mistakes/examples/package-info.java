/**
 * Tests of the code in {@code dev.loopscope.samples.mistakes}: each class tests the wrong form,
 * which Loopscope fails, and the right one, which passes. They are not run by the build directly
 * (the wrong ones fail on purpose); {@code MistakesCaughtTest} runs them through the JUnit
 * Platform and checks each outcome and message.
 */
package dev.loopscope.samples.mistakes.examples;
