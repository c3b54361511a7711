package dev.loopscope.agent.recorder;

import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Small ids for the classes of submitted tasks, so an event stores an int, not a name. A {@link
 * ClassValue} makes the per-submission lookup a cached read; new classes are rare.
 */
final class ClassTable {

    private final CopyOnWriteArrayList<String> names = new CopyOnWriteArrayList<>();
    private final ClassValue<Integer> ids = new ClassValue<>() {
        @Override
        protected Integer computeValue(Class<?> type) {
            synchronized (names) {
                names.add(type.getName());
                return names.size() - 1;
            }
        }
    };

    int idOf(Class<?> type) {
        return ids.get(type);
    }

    String name(int id) {
        return id >= 0 && id < names.size() ? names.get(id) : "?";
    }
}
