package dev.loopscope.agent.instrument;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

/**
 * Puts the bootstrap bridge on the bootstrap class path: copies the bridge packages out of the
 * agent jar into a small temporary jar and appends it. Must run before anything loads a bridge
 * class, or the system class loader would load a second, unconnected copy.
 */
public final class BootstrapInjector {

    /** Packages JDK code (and any class loader) must see. */
    static final String[] BRIDGE_PACKAGES = {"dev/loopscope/agent/bootstrap/", "dev/loopscope/api/"};

    private BootstrapInjector() {
    }

    public static void inject(Instrumentation inst, File agentJar) throws IOException {
        Path bridge = Files.createTempFile("loopscope-bootstrap-", ".jar");
        bridge.toFile().deleteOnExit();
        int copied = 0;
        try (JarFile source = new JarFile(agentJar);
                JarOutputStream out = new JarOutputStream(Files.newOutputStream(bridge))) {
            Enumeration<JarEntry> entries = source.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                if (entry.isDirectory() || !entry.getName().endsWith(".class") || !inBridge(entry.getName())) {
                    continue;
                }
                out.putNextEntry(new JarEntry(entry.getName()));
                try (InputStream in = source.getInputStream(entry)) {
                    in.transferTo(out);
                }
                out.closeEntry();
                copied++;
            }
        }
        if (copied == 0) {
            throw new IOException("no bridge classes found in " + agentJar);
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
