package dev.loopscope.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isNative;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;

import dev.loopscope.agent.detect.BlockingApi;
import dev.loopscope.agent.detect.BlockingApis;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.bytebuddy.asm.Advice;

/**
 * The hook points of blocking detection, made from {@code BlockingApis}: one per API and class,
 * covering the class's methods that the API's entry names. Native methods cannot take advice;
 * where the one a call ends in is native, {@link NativeCallSites} rewrites the call sites instead.
 */
final class BlockingHookPoints {

    private BlockingHookPoints() {
    }

    static List<HookPoint> all(int feature) {
        List<HookPoint> points = new ArrayList<>();
        for (BlockingApis.Target target : BlockingApis.targets()) {
            Class<?> type = JdkClasses.find(target.className);
            Map<BlockingApi, Set<String>> byApi = new LinkedHashMap<>();
            if (type != null) {
                for (Method m : type.getDeclaredMethods()) {
                    int mod = m.getModifiers();
                    if (target.matches(m.getName()) && !Modifier.isNative(mod) && !Modifier.isAbstract(mod)
                            && !m.isSynthetic() && (!target.publicOnly || Modifier.isPublic(mod))) {
                        byApi.computeIfAbsent(target.api(m.getName()), a -> new LinkedHashSet<>()).add(m.getName());
                    }
                }
            }
            if (byApi.isEmpty()) {
                // never matches: the self-check then reports the target as missing where it is required
                points.add(new HookPoint(target.toString(), target.className, named("\u0000"),
                        m -> Advice.to(BlockingAdvice.class).on(m), target.from, target.until));
            }
            for (Map.Entry<BlockingApi, Set<String>> e : byApi.entrySet()) {
                int id = e.getKey().id;
                Class<?> advice = e.getKey().passesArgument() ? BlockingArgumentAdvice.class : BlockingAdvice.class;
                points.add(new HookPoint(e.getKey().name + " (" + target.className + ")", target.className,
                        namedOneOf(e.getValue().toArray(new String[0])).and(not(isNative())).and(not(isAbstract())),
                        m -> Advice.withCustomMapping().bind(BlockingAdvice.ApiId.class, id).to(advice).on(m),
                        target.from, target.until));
            }
        }
        return points;
    }
}
