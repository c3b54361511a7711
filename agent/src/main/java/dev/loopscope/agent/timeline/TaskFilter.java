package dev.loopscope.agent.timeline;

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
        this.include = includeGlobs.stream().map(TaskFilter::compile).toList();
        this.exclude = excludeGlobs.stream().map(TaskFilter::compile).toList();
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

    /** A glob: {@code *} is any run of characters, {@code ?} one character; all else is literal. */
    public static Pattern compile(String glob) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : glob.toCharArray()) {
            if (c == '*' || c == '?') {
                if (literal.length() > 0) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(c == '*' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (literal.length() > 0) {
            regex.append(Pattern.quote(literal.toString()));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
