package dev.loopscope.agent.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The built-in entry for reflection's cache monitors: only monitors, only entered by reflection itself. */
class ReflectionCacheLocksTest {

    private final AllowList allow = new AllowList(List.of());

    @Test
    void aMonitorEnteredByReflectionsAnnotationCacheIsAllowed() {
        StackTraceElement[] stack = {
                frame("java.lang.reflect.Executable", "declaredAnnotations"),
                frame("java.lang.reflect.Method", "getAnnotation"),
                frame("io.netty.channel.ChannelHandlerMask$2", "run"),
        };
        assertThat(allow.allowing(BlockingApis.MONITOR, stack)).extracting(e -> e.text)
                .isEqualTo(AllowList.REFLECTION_CACHE_LOCKS);
    }

    @Test
    void theApplicationsOwnMonitorReachedThroughReflectionIsStillAFinding() {
        StackTraceElement[] stack = {
                frame("com.acme.Orders", "total"), // a synchronized method, called by a framework through Method.invoke
                frame("java.lang.reflect.Method", "invoke"),
                frame("com.acme.Web", "dispatch"),
        };
        assertThat(allow.allowing(BlockingApis.MONITOR, stack)).isNull();
    }

    @Test
    void aSleepUnderReflectionFramesIsNotCovered() {
        StackTraceElement[] stack = {
                frame("java.lang.reflect.Method", "invoke"),
                frame("com.acme.Web", "dispatch"),
        };
        assertThat(allow.allowing(BlockingApis.THREAD_SLEEP, stack)).isNull();
    }

    private static StackTraceElement frame(String cls, String method) {
        return new StackTraceElement(cls, method, cls.substring(cls.lastIndexOf('.') + 1) + ".java", 10);
    }
}
