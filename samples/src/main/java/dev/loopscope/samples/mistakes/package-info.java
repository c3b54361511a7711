/**
 * The classic async mistakes, each next to its fix: {@code wrong} is the code people write,
 * {@code right} does the same job the way the event loop needs it done. The samples' tests run
 * both under the Loopscope harness and show that the wrong one is caught, with the message a
 * user would see.
 */
package dev.loopscope.samples.mistakes;
