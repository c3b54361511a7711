package dev.loopscope.agent.it.workloads;

import com.sun.net.httpserver.HttpServer;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Every blocking API of the detector's list, each planted once in a method of its own
 * ({@code plantX}) and run as one task on a single-thread executor. The thread's name is the
 * first argument: a built-in loop name, or an ordinary one. Everything the plants need (servers,
 * files, helper threads that release them) is set up by {@code main} on ordinary threads.
 *
 * <p>{@link #EXPECTED} maps each plant to the API it must be reported as; the test reads it.
 */
public final class LoopBlockingCalls {

    /** Plant method to the API it is reported as ({@code entry} after a slash for parks). */
    public static final Map<String, String> EXPECTED = new LinkedHashMap<>();

    static {
        EXPECTED.put("plantSleep", "Thread.sleep");
        EXPECTED.put("plantSleepNanos", "Thread.sleep");
        EXPECTED.put("plantSleepInThreadSubclass", "Thread.sleep");
        EXPECTED.put("plantSleepViaReflection", "Thread.sleep");
        EXPECTED.put("plantSuperWait", "Object.wait");
        EXPECTED.put("plantTimeUnitSleep", "TimeUnit.sleep");
        EXPECTED.put("plantWaitTimed", "Object.wait");
        EXPECTED.put("plantWaitNanos", "Object.wait");
        EXPECTED.put("plantWaitNotified", "Object.wait");
        EXPECTED.put("plantJoin", "Thread.join");
        EXPECTED.put("plantJoinTimed", "Thread.join");
        EXPECTED.put("plantJoinNanos", "Thread.join");
        EXPECTED.put("plantParkNanos", "LockSupport.parkNanos");
        EXPECTED.put("plantParkUntil", "LockSupport.parkUntil");
        EXPECTED.put("plantFutureGet", "LockSupport.park/java.util.concurrent.FutureTask.get");
        EXPECTED.put("plantCompletableJoin", "LockSupport.park/java.util.concurrent.CompletableFuture.join");
        EXPECTED.put("plantCompletableGet", "LockSupport.park/java.util.concurrent.CompletableFuture.get");
        EXPECTED.put("plantLatchAwait", "LockSupport.park/java.util.concurrent.CountDownLatch.await");
        EXPECTED.put("plantLockContended", "LockSupport.park/java.util.concurrent.locks.ReentrantLock.lock");
        EXPECTED.put("plantQueueTake", "LockSupport.park/java.util.concurrent.LinkedBlockingQueue.take");
        EXPECTED.put("plantQueuePut", "LockSupport.park/java.util.concurrent.ArrayBlockingQueue.put");
        EXPECTED.put("plantSemaphoreAcquire", "LockSupport.park/java.util.concurrent.Semaphore.acquire");
        EXPECTED.put("plantSynchronized", "synchronized");
        EXPECTED.put("plantSynchronizedOnIntArray", "synchronized");
        EXPECTED.put("plantSocketConnect", "Socket.connect");
        EXPECTED.put("plantSocketWrite", "Socket.write");
        EXPECTED.put("plantSocketRead", "Socket.read");
        EXPECTED.put("plantServerSocketAccept", "ServerSocket.accept");
        EXPECTED.put("plantChannelConnect", "SocketChannel.connect");
        EXPECTED.put("plantChannelWrite", "SocketChannel.write");
        EXPECTED.put("plantChannelRead", "SocketChannel.read");
        EXPECTED.put("plantServerChannelAccept", "ServerSocketChannel.accept");
        EXPECTED.put("plantFileInputRead", "FileInputStream.read");
        EXPECTED.put("plantFileOutputWrite", "FileOutputStream.write");
        EXPECTED.put("plantRandomAccessRead", "RandomAccessFile.read");
        EXPECTED.put("plantRandomAccessWrite", "RandomAccessFile.write");
        EXPECTED.put("plantFileChannelRead", "FileChannel.read");
        EXPECTED.put("plantFileChannelWrite", "FileChannel.write");
        EXPECTED.put("plantFilesReadAllBytes", "Files.readAllBytes");
        EXPECTED.put("plantFilesWriteString", "Files.writeString");
        EXPECTED.put("plantFilesNewInputStream", "Files.newInputStream");
        EXPECTED.put("plantDnsGetByName", "InetAddress.getByName");
        EXPECTED.put("plantDnsGetAllByName", "InetAddress.getAllByName");
        EXPECTED.put("plantProcessWaitFor", "Process.waitFor");
        EXPECTED.put("plantHttpSend", "HttpClient.send");
        if (Runtime.version().feature() >= 19) {
            // the Duration overloads (JDK 19+), reached through reflection as this compiles for 17
            EXPECTED.put("plantSleepDuration", "Thread.sleep");
            EXPECTED.put("plantJoinDuration", "Thread.join");
        }
    }

    /** Plants that block nothing: a non-blocking channel's read must not be reported. */
    public static final String NOT_BLOCKING = "plantNonBlockingChannelRead";

    private static final Object MONITOR = new Object();

    private LoopBlockingCalls() {
    }

    private interface Plant {
        void run() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        String threadName = args[0];
        ExecutorService loop = Executors.newSingleThreadExecutor(r -> new Thread(r, threadName));
        ExecutorService helpers = Executors.newCachedThreadPool(r -> new Thread(r, "helper"));
        Path dir = Files.createTempDirectory("loopscope-plants");
        Path file = Files.write(dir.resolve("data.txt"), "hello, loop".getBytes(StandardCharsets.UTF_8));

        run(loop, () -> plantSleep());
        run(loop, () -> plantSleepNanos());
        run(loop, () -> Napper.plantSleepInThreadSubclass());
        // as a web framework calls a handler: through Method.invoke
        run(loop, () -> LoopBlockingCalls.class.getDeclaredMethod("plantSleepViaReflection").invoke(null));
        run(loop, () -> new Waiter().plantSuperWait());
        run(loop, () -> plantTimeUnitSleep());
        run(loop, () -> plantWaitTimed());
        run(loop, () -> plantWaitNanos());
        Object notified = new Object();
        boolean[] flag = {false};
        helpers.execute(() -> later(50, () -> {
            synchronized (notified) {
                flag[0] = true;
                notified.notifyAll();
            }
        }));
        run(loop, () -> plantWaitNotified(notified, flag));
        run(loop, () -> plantJoin(sleeper(50)));
        run(loop, () -> plantJoinTimed(sleeper(50)));
        run(loop, () -> plantJoinNanos(sleeper(50)));
        if (EXPECTED.containsKey("plantSleepDuration")) {
            run(loop, () -> plantSleepDuration());
            run(loop, () -> plantJoinDuration(sleeper(50)));
        }
        run(loop, () -> plantParkNanos());
        run(loop, () -> plantParkUntil());

        FutureTask<String> task = new FutureTask<>(() -> "done");
        helpers.execute(() -> later(30, task::run));
        run(loop, () -> plantFutureGet(task));
        CompletableFuture<String> cf1 = new CompletableFuture<>();
        helpers.execute(() -> later(30, () -> cf1.complete("x")));
        run(loop, () -> plantCompletableJoin(cf1));
        CompletableFuture<String> cf2 = new CompletableFuture<>();
        helpers.execute(() -> later(30, () -> cf2.complete("y")));
        run(loop, () -> plantCompletableGet(cf2));
        CountDownLatch latch = new CountDownLatch(1);
        helpers.execute(() -> later(30, latch::countDown));
        run(loop, () -> plantLatchAwait(latch));
        ReentrantLock lock = new ReentrantLock();
        CountDownLatch locked = new CountDownLatch(1);
        helpers.execute(() -> {
            lock.lock();
            locked.countDown();
            later(50, lock::unlock);
        });
        locked.await();
        run(loop, () -> plantLockContended(lock));
        LinkedBlockingQueue<String> queue = new LinkedBlockingQueue<>();
        helpers.execute(() -> later(30, () -> queue.add("item")));
        run(loop, () -> plantQueueTake(queue));
        ArrayBlockingQueue<String> full = new ArrayBlockingQueue<>(1);
        full.add("first");
        helpers.execute(() -> later(30, full::poll));
        run(loop, () -> plantQueuePut(full));
        Semaphore semaphore = new Semaphore(0);
        helpers.execute(() -> later(30, semaphore::release));
        run(loop, () -> plantSemaphoreAcquire(semaphore));
        CountDownLatch held = new CountDownLatch(1);
        helpers.execute(() -> {
            synchronized (MONITOR) {
                held.countDown();
                sleepQuietly(200); // long enough for the watchdog (every 10 ms) to see the loop BLOCKED
            }
        });
        held.await();
        run(loop, () -> plantSynchronized());
        // An int[] is also what HotSpot locks while it links or initializes a class; the
        // application's own int[] monitor must still be a finding.
        CountDownLatch heldArray = new CountDownLatch(1);
        helpers.execute(() -> {
            synchronized (INT_ARRAY_MONITOR) {
                heldArray.countDown();
                sleepQuietly(200);
            }
        });
        heldArray.await();
        run(loop, () -> plantSynchronizedOnIntArray());

        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            helpers.execute(() -> echoOnce(server));
            Socket client = new Socket();
            run(loop, () -> plantSocketConnect(client, server.getLocalPort()));
            run(loop, () -> plantSocketWrite(client));
            run(loop, () -> plantSocketRead(client));
            client.close();
        }
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            helpers.execute(() -> later(30, () -> new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort()).close()));
            run(loop, () -> plantServerSocketAccept(server));
        }
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            InetSocketAddress address = (InetSocketAddress) server.getLocalAddress();
            helpers.execute(() -> echoOnce(server));
            SocketChannel channel = SocketChannel.open();
            run(loop, () -> plantChannelConnect(channel, address));
            run(loop, () -> plantChannelWrite(channel));
            run(loop, () -> plantChannelRead(channel));
            channel.configureBlocking(false);
            run(loop, () -> plantNonBlockingChannelRead(channel));
            channel.close();
        }
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            InetSocketAddress address = (InetSocketAddress) server.getLocalAddress();
            helpers.execute(() -> later(30, () -> SocketChannel.open(address).close()));
            run(loop, () -> plantServerChannelAccept(server));
        }

        try (FileInputStream in = new FileInputStream(file.toFile())) {
            run(loop, () -> plantFileInputRead(in));
        }
        try (FileOutputStream out = new FileOutputStream(dir.resolve("out.txt").toFile())) {
            run(loop, () -> plantFileOutputWrite(out));
        }
        try (RandomAccessFile raf = new RandomAccessFile(dir.resolve("raf.bin").toFile(), "rw")) {
            run(loop, () -> plantRandomAccessWrite(raf));
            raf.seek(0);
            run(loop, () -> plantRandomAccessRead(raf));
        }
        try (FileChannel channel = FileChannel.open(dir.resolve("channel.bin"), StandardOpenOption.CREATE,
                StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            run(loop, () -> plantFileChannelWrite(channel));
            channel.position(0);
            run(loop, () -> plantFileChannelRead(channel));
        }
        run(loop, () -> plantFilesReadAllBytes(file));
        run(loop, () -> plantFilesWriteString(dir.resolve("string.txt")));
        run(loop, () -> plantFilesNewInputStream(file));
        run(loop, () -> plantDnsGetByName());
        run(loop, () -> plantDnsGetAllByName());
        Process process = new ProcessBuilder("sleep", "0.05").start();
        run(loop, () -> plantProcessWaitFor(process));

        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/", exchange -> {
            byte[] body = "pong".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        http.setExecutor(helpers);
        http.start();
        HttpClient client = HttpClient.newHttpClient();
        URI uri = URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/ping");
        run(loop, () -> plantHttpSend(client, uri));
        http.stop(0);

        loop.shutdown();
        helpers.shutdown();
        loop.awaitTermination(10, TimeUnit.SECONDS);
        System.out.println("planted " + EXPECTED.size() + " blocking calls on " + threadName);
    }

    private static void run(ExecutorService loop, Plant plant) throws Exception {
        loop.submit(() -> {
            plant.run();
            return null;
        }).get();
    }

    // ---- the plants: one blocking call each ----

    static void plantSleep() throws InterruptedException {
        Thread.sleep(5);
    }

    static void plantSleepNanos() throws InterruptedException {
        Thread.sleep(5, 1000);
    }

    static void plantSleepViaReflection() throws InterruptedException {
        Thread.sleep(5);
    }

    /** In a Thread subclass, an unqualified {@code sleep(n)} compiles to {@code invokestatic Napper.sleep}. */
    static final class Napper extends Thread {
        static void plantSleepInThreadSubclass() throws InterruptedException {
            sleep(5);
        }
    }

    /** {@code super.wait(n)} compiles to {@code invokespecial Object.wait}. */
    static final class Waiter {
        synchronized void plantSuperWait() throws InterruptedException {
            super.wait(5);
        }
    }

    static void plantTimeUnitSleep() throws InterruptedException {
        TimeUnit.MILLISECONDS.sleep(5);
    }

    static void plantWaitTimed() throws InterruptedException {
        synchronized (MONITOR) {
            MONITOR.wait(5);
        }
    }

    static void plantWaitNanos() throws InterruptedException {
        synchronized (MONITOR) {
            MONITOR.wait(5, 1000);
        }
    }

    static void plantWaitNotified(Object monitor, boolean[] flag) throws InterruptedException {
        synchronized (monitor) {
            while (!flag[0]) {
                monitor.wait();
            }
        }
    }

    static void plantJoin(Thread t) throws InterruptedException {
        t.join();
    }

    static void plantJoinTimed(Thread t) throws InterruptedException {
        t.join(5_000);
    }

    static void plantJoinNanos(Thread t) throws InterruptedException {
        t.join(5_000, 500);
    }

    static void plantSleepDuration() throws Exception {
        Thread.class.getMethod("sleep", java.time.Duration.class).invoke(null, java.time.Duration.ofMillis(5));
    }

    static void plantJoinDuration(Thread t) throws Exception {
        Thread.class.getMethod("join", java.time.Duration.class).invoke(t, java.time.Duration.ofSeconds(5));
    }

    static void plantParkUntil() {
        LockSupport.parkUntil(System.currentTimeMillis() + 3);
    }

    static void plantParkNanos() {
        LockSupport.parkNanos(2_000_000L);
    }

    static void plantFutureGet(FutureTask<String> task) throws Exception {
        task.get();
    }

    static void plantCompletableJoin(CompletableFuture<String> f) {
        f.join();
    }

    static void plantCompletableGet(CompletableFuture<String> f) throws Exception {
        f.get();
    }

    static void plantLatchAwait(CountDownLatch latch) throws InterruptedException {
        latch.await();
    }

    static void plantLockContended(ReentrantLock lock) {
        lock.lock();
        lock.unlock();
    }

    static void plantQueueTake(LinkedBlockingQueue<String> queue) throws InterruptedException {
        queue.take();
    }

    static void plantQueuePut(ArrayBlockingQueue<String> queue) throws InterruptedException {
        queue.put("second");
    }

    static void plantSemaphoreAcquire(Semaphore semaphore) throws InterruptedException {
        semaphore.acquire();
    }

    private static final int[] INT_ARRAY_MONITOR = new int[0];

    static void plantSynchronizedOnIntArray() {
        synchronized (INT_ARRAY_MONITOR) {
            INT_ARRAY_MONITOR.hashCode();
        }
    }

    static void plantSynchronized() {
        synchronized (MONITOR) {
            MONITOR.hashCode();
        }
    }

    static void plantSocketConnect(Socket client, int port) throws Exception {
        client.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    }

    static void plantSocketWrite(Socket client) throws Exception {
        client.getOutputStream().write("ping".getBytes(StandardCharsets.UTF_8));
    }

    static void plantSocketRead(Socket client) throws Exception {
        client.getInputStream().read(new byte[4]);
    }

    static void plantServerSocketAccept(ServerSocket server) throws Exception {
        server.accept().close();
    }

    static void plantChannelConnect(SocketChannel channel, InetSocketAddress address) throws Exception {
        channel.connect(address);
    }

    static void plantChannelWrite(SocketChannel channel) throws Exception {
        channel.write(ByteBuffer.wrap("ping".getBytes(StandardCharsets.UTF_8)));
    }

    static void plantChannelRead(SocketChannel channel) throws Exception {
        channel.read(ByteBuffer.allocate(4));
    }

    static void plantNonBlockingChannelRead(SocketChannel channel) throws Exception {
        channel.read(ByteBuffer.allocate(4));
    }

    static void plantServerChannelAccept(ServerSocketChannel server) throws Exception {
        server.accept().close();
    }

    static void plantFileInputRead(FileInputStream in) throws Exception {
        in.read(new byte[4]);
    }

    static void plantFileOutputWrite(FileOutputStream out) throws Exception {
        out.write(new byte[] {1, 2, 3});
    }

    static void plantRandomAccessRead(RandomAccessFile raf) throws Exception {
        raf.read();
    }

    static void plantRandomAccessWrite(RandomAccessFile raf) throws Exception {
        raf.write(new byte[] {1, 2, 3});
    }

    static void plantFileChannelRead(FileChannel channel) throws Exception {
        channel.read(ByteBuffer.allocate(3));
    }

    static void plantFileChannelWrite(FileChannel channel) throws Exception {
        channel.write(ByteBuffer.wrap(new byte[] {1, 2, 3}));
    }

    static void plantFilesReadAllBytes(Path file) throws Exception {
        Files.readAllBytes(file);
    }

    static void plantFilesWriteString(Path file) throws Exception {
        Files.writeString(file, "written on the loop");
    }

    static void plantFilesNewInputStream(Path file) throws Exception {
        Files.newInputStream(file).close();
    }

    static void plantDnsGetByName() throws Exception {
        InetAddress.getByName("localhost");
    }

    static void plantDnsGetAllByName() throws Exception {
        InetAddress.getAllByName("localhost");
    }

    static void plantProcessWaitFor(Process process) throws Exception {
        process.waitFor();
    }

    static void plantHttpSend(HttpClient client, URI uri) throws Exception {
        client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    // ---- helpers, on ordinary threads ----

    private interface Step {
        void run() throws Exception;
    }

    private static void later(long millis, Step step) {
        sleepQuietly(millis);
        try {
            step.run();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread sleeper(long millis) {
        Thread t = new Thread(() -> sleepQuietly(millis), "sleeper");
        t.start();
        return t;
    }

    private static void echoOnce(ServerSocket server) {
        try (Socket s = server.accept()) {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            byte[] buf = new byte[4];
            int n = in.read(buf);
            out.write(buf, 0, n);
            out.flush();
            sleepQuietly(500); // keeps the connection open for the loop's read
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void echoOnce(ServerSocketChannel server) {
        try (SocketChannel s = server.accept()) {
            ByteBuffer buf = ByteBuffer.allocate(4);
            s.read(buf);
            buf.flip();
            s.write(buf);
            sleepQuietly(500);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
