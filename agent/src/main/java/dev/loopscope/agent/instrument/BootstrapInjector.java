package dev.loopscope.agent.instrument;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

/**
 * Puts the bootstrap bridge where JDK code can see it: defines the bridge classes (read from the
 * agent jar) in the bootstrap class loader. Must run before anything loads a bridge class, or
 * the system class loader would load a second, unconnected copy.
 *
 * <p>The classes are defined directly, through the JDK's internal {@code Unsafe} opened to the
 * agent with {@link Instrumentation#redefineModule}: appending a jar to the bootstrap search path
 * instead makes HotSpot print a class-data-sharing warning into every application's output and
 * stop sharing application classes. Appending stays as the fallback.
 */
public final class BootstrapInjector {

    /** Packages JDK code (and any class loader) must see. */
    static final String[] BRIDGE_PACKAGES = {"dev/loopscope/agent/bootstrap/", "dev/loopscope/api/"};

    private BootstrapInjector() {
    }

    public static void inject(Instrumentation inst, File agentJar) throws IOException {
        Map<String, byte[]> classes = readBridge(agentJar);
        if (classes.isEmpty()) {
            throw new IOException("no bridge classes found in " + agentJar);
        }
        try {
            defineInBootLoader(inst, classes);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            appendJar(inst, classes);
        }
    }

    private static Map<String, byte[]> readBridge(File agentJar) throws IOException {
        Map<String, byte[]> classes = new LinkedHashMap<>();
        try (JarFile source = new JarFile(agentJar)) {
            Enumeration<JarEntry> entries = source.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                String name = entry.getName();
                if (entry.isDirectory() || !name.endsWith(".class") || name.endsWith("package-info.class") || !inBridge(name)) {
                    continue;
                }
                try (InputStream in = source.getInputStream(entry)) {
                    classes.put(name.substring(0, name.length() - 6).replace('/', '.'), in.readAllBytes());
                }
            }
        }
        return classes;
    }

    private static void defineInBootLoader(Instrumentation inst, Map<String, byte[]> classes)
            throws ReflectiveOperationException {
        Module base = Object.class.getModule();
        Module agent = BootstrapInjector.class.getModule();
        inst.redefineModule(base, Set.of(), Map.of("jdk.internal.misc", Set.of(agent)),
                Map.of("jdk.internal.misc", Set.of(agent)), Set.of(), Map.of());
        Class<?> unsafeClass = Class.forName("jdk.internal.misc.Unsafe");
        Object unsafe = unsafeClass.getMethod("getUnsafe").invoke(null);
        Method define = unsafeClass.getMethod("defineClass", String.class, byte[].class, int.class, int.class,
                ClassLoader.class, java.security.ProtectionDomain.class);
        // A class needs its superclass defined first; retry until every class is in.
        List<String> pending = new ArrayList<>(classes.keySet());
        while (!pending.isEmpty()) {
            List<String> failed = new ArrayList<>();
            Throwable last = null;
            for (String name : pending) {
                byte[] bytes = classes.get(name);
                try {
                    define.invoke(unsafe, name, bytes, 0, bytes.length, null, null);
                } catch (java.lang.reflect.InvocationTargetException e) {
                    failed.add(name);
                    last = e.getCause();
                }
            }
            if (failed.size() == pending.size()) {
                throw new IllegalStateException("cannot define " + failed + " in the boot loader", last);
            }
            pending = failed;
        }
    }

    private static void appendJar(Instrumentation inst, Map<String, byte[]> classes) throws IOException {
        Path bridge = Files.createTempFile("loopscope-bootstrap-", ".jar");
        bridge.toFile().deleteOnExit();
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(bridge))) {
            for (Map.Entry<String, byte[]> c : classes.entrySet()) {
                out.putNextEntry(new JarEntry(c.getKey().replace('.', '/') + ".class"));
                out.write(c.getValue());
                out.closeEntry();
            }
        }
        inst.appendToBootstrapClassLoaderSearch(new JarFile(bridge.toFile()));
    }

    private static boolean inBridge(String name) {
        for (String p : BRIDGE_PACKAGES) {
            if (name.startsWith(p)) {
                return true;
            }
        }
        return false;
    }
}
