package dev.loopscope.agent.detect;

import java.util.List;

/**
 * The one list of blocking APIs the agent detects: which JDK methods are hooked, on which JDKs,
 * and the name each finding gets. The instrumentation reads {@link #targets()}; the detector
 * and the reports know an API by its id from {@link #byId}.
 *
 * <p>A method entry is a name ({@code sleep}), a prefix ({@code read*}: every public {@code
 * read...} method of the class), and optionally the API name to report ({@code
 * accept>ServerSocket.accept}); without one, the API is the display class and the method name.
 * Calls nest (FileInputStream.readAllBytes calls read): only the outermost is a finding.
 */
public final class BlockingApis {

    private static final int ANY = Integer.MAX_VALUE;
    /** Copied on write: read on every finding, written only while classes are transformed. */
    private static volatile BlockingApi[] apis = new BlockingApi[0];

    /** Contended {@code synchronized}: seen by the watchdog, as no Java method can be hooked. */
    public static final BlockingApi MONITOR = register("synchronized", "monitor", false);
    /** A virtual thread that blocks while pinned to its carrier (JDK 21+). */
    public static final BlockingApi PINNED = register("VirtualThread.pinned", "pinned", false);
    /** Call sites rewritten where the JDK method is native (JDK 17): see the instrument package. */
    public static final BlockingApi THREAD_SLEEP = register("Thread.sleep", "sleep", false);
    public static final BlockingApi OBJECT_WAIT = register("Object.wait", "wait", false);

    private BlockingApis() {
    }

    /** A group of JDK methods of one class that are hooked. */
    public static final class Target {
        public final String className;
        final String display;
        final String category;
        final List<String> methods;
        /** Only public methods (a prefix would otherwise match private natives and helpers). */
        public final boolean publicOnly;
        final boolean channelModeCheck;
        public final int from;
        public final int until;

        Target(String className, String display, String category, boolean publicOnly, boolean channelModeCheck,
                int from, int until, String... methods) {
            this.className = className;
            this.display = display;
            this.category = category;
            this.publicOnly = publicOnly;
            this.channelModeCheck = channelModeCheck;
            this.from = from;
            this.until = until;
            this.methods = List.of(methods);
        }

        /** Whether {@code method} of this class is hooked. */
        public boolean matches(String method) {
            return spec(method) != null;
        }

        /** The API a call of {@code method} is reported as. */
        public BlockingApi api(String method) {
            String spec = spec(method);
            int rename = spec == null ? -1 : spec.indexOf('>');
            String name = rename >= 0 ? spec.substring(rename + 1) : display + "." + method;
            return register(name, category, channelModeCheck);
        }

        private String spec(String method) {
            for (String m : methods) {
                int rename = m.indexOf('>');
                String pattern = rename >= 0 ? m.substring(0, rename) : m;
                if (pattern.endsWith("*") ? method.startsWith(pattern.substring(0, pattern.length() - 1))
                        : method.equals(pattern)) {
                    return m;
                }
            }
            return null;
        }

        public boolean requiredOn(int feature) {
            return feature >= from && feature <= until;
        }

        @Override
        public String toString() {
            return display + " (" + className + ")";
        }
    }

    /** Every hooked class, with its methods. */
    public static List<Target> targets() {
        return List.of(
                new Target("java.lang.Thread", "Thread", "sleep", true, false, 17, ANY, "sleep"),
                new Target("java.lang.Thread", "Thread", "join", true, false, 17, ANY, "join"),
                new Target("java.util.concurrent.TimeUnit", "TimeUnit", "sleep", true, false, 17, ANY, "sleep"),
                new Target("java.lang.Object", "Object", "wait", true, false, 17, ANY, "wait"),
                new Target("java.util.concurrent.locks.LockSupport", "LockSupport", "park", true, false, 17, ANY,
                        "park", "parkNanos", "parkUntil"),
                // java.net.Socket and ServerSocket streams, connect and accept all end in NioSocketImpl (JDK 13+)
                new Target("sun.nio.ch.NioSocketImpl", "Socket", "socket", false, false, 17, ANY,
                        "read", "write", "connect", "accept>ServerSocket.accept"),
                new Target("sun.nio.ch.SocketChannelImpl", "SocketChannel", "socket", false, true, 17, ANY,
                        "read", "write", "connect", "blockingRead>SocketChannel.read",
                        "blockingWriteFully>SocketChannel.write", "blockingConnect>SocketChannel.connect"),
                new Target("sun.nio.ch.ServerSocketChannelImpl", "ServerSocketChannel", "socket", false, true, 17, ANY,
                        "accept", "blockingAccept>ServerSocketChannel.accept"),
                new Target("java.io.FileInputStream", "FileInputStream", "file", true, false, 17, ANY, "read*", "skip",
                        "transferTo"),
                new Target("java.io.FileOutputStream", "FileOutputStream", "file", true, false, 17, ANY, "write*"),
                new Target("java.io.RandomAccessFile", "RandomAccessFile", "file", true, false, 17, ANY, "read*",
                        "write*"),
                new Target("sun.nio.ch.FileChannelImpl", "FileChannel", "file", true, false, 17, ANY, "read",
                        "write", "force", "transferTo", "transferFrom", "lock"),
                new Target("java.nio.file.Files", "Files", "file", true, false, 17, ANY, "read*", "write*",
                        "newInputStream", "newOutputStream", "newBufferedReader", "newBufferedWriter",
                        "newByteChannel", "lines", "copy"),
                new Target("java.net.InetAddress", "InetAddress", "dns", true, false, 17, ANY, "getByName",
                        "getAllByName", "getLocalHost"),
                new Target("java.lang.ProcessImpl", "Process", "process", true, false, 17, ANY, "waitFor"),
                new Target("jdk.internal.net.http.HttpClientImpl", "HttpClient", "http", true, false, 17, ANY, "send"));
    }

    /** The API with this id. */
    public static BlockingApi byId(int id) {
        BlockingApi[] all = apis;
        return id >= 0 && id < all.length ? all[id] : null;
    }

    /** The API with this name, registered on first use; ids are stable for the life of the JVM. */
    static synchronized BlockingApi register(String name, String category, boolean channelModeCheck) {
        BlockingApi[] all = apis;
        for (BlockingApi a : all) {
            if (a.name.equals(name)) {
                return a;
            }
        }
        BlockingApi api = new BlockingApi(all.length, name, category, channelModeCheck);
        BlockingApi[] grown = java.util.Arrays.copyOf(all, all.length + 1);
        grown[all.length] = api;
        apis = grown;
        return api;
    }
}
