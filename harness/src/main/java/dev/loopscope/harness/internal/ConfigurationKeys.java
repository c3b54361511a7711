package dev.loopscope.harness.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * {@code loopscope.*} configuration parameters the harness does not read. A key one or two
 * letters from a real one ({@code loopscope.timout}) is a typo whose setting would silently not
 * apply: it fails the class. Any other unknown key in {@code junit-platform.properties} is
 * warned about once. Unknown {@code -D} properties that are no near miss are left alone: system
 * properties are shared with everything in the JVM.
 *
 * <p>JUnit gives an extension no list of its parameters, so this reads the two sources it can
 * list itself, as the launcher does: the system properties and the first
 * {@code junit-platform.properties} of the context class loader. Parameters passed in the
 * launcher's own configuration (Surefire's {@code configurationParameters}) are not seen.
 */
final class ConfigurationKeys {

    private static final String PREFIX = "loopscope.";
    private static final String FILE = "junit-platform.properties";
    private static final Set<String> warned = ConcurrentHashMap.newKeySet();

    private ConfigurationKeys() {
    }

    static void check(ExtensionContext context) {
        Map<String, String> sources = new LinkedHashMap<>();
        for (String key : System.getProperties().stringPropertyNames()) {
            if (key.startsWith(PREFIX)) {
                sources.put(key, "system property -D" + key);
            }
        }
        URL file = propertiesFile();
        if (file != null) {
            for (String key : keysOf(file)) {
                if (key.startsWith(PREFIX)) {
                    sources.put(key, FILE + " (" + file + ")");
                }
            }
        }
        List<String> typos = new ArrayList<>();
        sources.forEach((key, where) -> {
            if (Settings.KEYS.contains(key)) {
                return;
            }
            String meant = nearest(key);
            if (meant != null) {
                typos.add(key + " in " + where + ": did you mean " + meant + "?");
            } else if (where.startsWith(FILE) && warned.add(key)) {
                String message = "ignoring unknown configuration parameter " + key + " in " + where
                        + ": the harness reads only " + String.join(", ", Settings.KEYS);
                System.err.println("[loopscope] " + message);
                context.publishReportEntry("loopscope", message);
            }
        });
        if (!typos.isEmpty()) {
            throw new ExtensionConfigurationException("Loopscope: unknown configuration parameter "
                    + String.join("; ", typos) + " The harness reads " + String.join(", ", Settings.KEYS));
        }
    }

    /** The known key this one most likely meant: the same but for case, or at most two edits away. */
    static String nearest(String key) {
        String best = null;
        int bestDistance = 3;
        for (String known : Settings.KEYS) {
            int d = EditDistance.of(known.toLowerCase(Locale.ROOT), key.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = known;
                bestDistance = d;
            }
        }
        return best;
    }

    /** The file the launcher reads: the first of that name on the context class loader. */
    private static URL propertiesFile() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = ConfigurationKeys.class.getClassLoader();
        }
        try {
            Enumeration<URL> files = loader.getResources(FILE);
            return files.hasMoreElements() ? files.nextElement() : null;
        } catch (IOException e) {
            return null; // the launcher could not read it either, and says so
        }
    }

    private static Set<String> keysOf(URL file) {
        Properties p = new Properties();
        try (InputStream in = file.openStream()) {
            p.load(in);
        } catch (IOException | IllegalArgumentException e) {
            return Set.of();
        }
        return p.stringPropertyNames();
    }
}
