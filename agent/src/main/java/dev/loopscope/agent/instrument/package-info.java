/**
 * Instrumentation: which JDK methods are hooked and with what advice. {@link
 * dev.loopscope.agent.instrument.HookPoints} lists every hook point; {@link
 * dev.loopscope.agent.instrument.Instrumenter} installs them and checks they took effect. Advice
 * classes hold only the few lines inlined into JDK methods; they call {@link
 * dev.loopscope.agent.bootstrap.Hooks} and nothing else.
 */
package dev.loopscope.agent.instrument;
