package dev.loopscope.agent.instrument;

/** Finds a JDK class by name without initializing it, in the boot or the platform class loader. */
final class JdkClasses {

    private JdkClasses() {
    }

    static Class<?> find(String name) {
        try {
            return Class.forName(name, false, null);
        } catch (ClassNotFoundException e) {
            try {
                return Class.forName(name, false, ClassLoader.getPlatformClassLoader());
            } catch (ClassNotFoundException notThere) {
                return null;
            }
        } catch (LinkageError e) {
            return null;
        }
    }
}
