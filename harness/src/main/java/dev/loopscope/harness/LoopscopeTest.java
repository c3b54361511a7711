package dev.loopscope.harness;

import dev.loopscope.harness.internal.LoopscopeExtension;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs each test of the class (or the annotated method) with Loopscope: a fresh {@link TestLoop}
 * to inject, a timeout that reports what is pending, and failures for blocking calls and stalls
 * on loop threads, tasks left on the loop, exceptions nobody observed, and uncaught exceptions on
 * threads the test started.
 *
 * <p>An attribute left at its default takes the value of the {@code loopscope.*} configuration
 * parameter of the same name ({@code junit-platform.properties}, or {@code -D}), else the
 * built-in default. On a method, the annotation's set attributes override the class's.
 */
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(LoopscopeExtension.class)
public @interface LoopscopeTest {

    /** How long a test may run, such as {@code "10s"}, {@code "500ms"} or {@code "2m"}; built-in default 10s ({@code loopscope.timeout}). */
    String timeout() default "";

    /** What a blocking call on a loop thread does; built-in default {@link BlockingPolicy#FAIL} ({@code loopscope.blocking}). */
    BlockingPolicy blocking() default BlockingPolicy.DEFAULT;

    /** A task holding a loop thread longer than this is a stall; built-in default 100ms ({@code loopscope.stall}). */
    String stall() default "";

    /** Whether each test gets its own loop or the class shares one; built-in default {@link LoopScope#PER_METHOD} ({@code loopscope.loopScope}). */
    LoopScope loopScope() default LoopScope.DEFAULT;
}
