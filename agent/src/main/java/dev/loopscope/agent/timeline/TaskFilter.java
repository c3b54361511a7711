package dev.loopscope.agent.timeline;

import dev.loopscope.agent.config.Globs;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code include}/{@code exclude} options: a task is kept when its executor's name or its
 * thread's name matches an include glob (or there are none) and neither matches an exclude glob.
 */
public final class TaskFilter {

    public static final TaskFilter ALL = new TaskFilter(List.of(), List.of());

    private final List<Pattern> include;
    private final List<Pattern> exclude;

    public TaskFilter(List<String> includeGlobs, List<String> excludeGlobs) {
        this.include = includeGlobs.stream().map(Globs::compile).toList();
        this.exclude = excludeGlobs.stream().map(Globs::compile).toList();
    }

    boolean keep(String executorName, String threadName) {
        if (!include.isEmpty() && !matches(include, executorName) && !matches(include, threadName)) {
            return false;
        }
        return !matches(exclude, executorName) && !matches(exclude, threadName);
    }

    private static boolean matches(List<Pattern> patterns, String name) {
        if (name == null) {
            return false;
        }
        for (Pattern p : patterns) {
            if (p.matcher(name).matches()) {
                return true;
            }
        }
        return false;
    }
}
