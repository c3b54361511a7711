package dev.loopscope.harness;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The annotated test (or every test of the annotated class) may block its loop: blocking calls
 * are neither failures nor warnings. Stalls, leaks and lost exceptions are still checked.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface AllowBlocking {

    /** Why blocking is fine here; shown nowhere, but a reader of the test will want to know. */
    String value() default "";
}
