package dev.loopscope.compat;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import java.util.concurrent.Callable;

/** The OpenTelemetry API, in the crowded run only: the agent bridges it to its own SDK. */
final class WithOtel {

    private WithOtel() {
    }

    static <T> T inSpan(String name, Callable<T> body) throws Exception {
        Span span = GlobalOpenTelemetry.getTracer("loopscope-compat").spanBuilder(name).startSpan();
        try (Scope ignored = span.makeCurrent()) {
            return body.call();
        } finally {
            span.end();
        }
    }

    /** The trace id of the span current on this thread (all zeros when there is none). */
    static String currentTraceId() {
        return Span.current().getSpanContext().getTraceId();
    }
}
