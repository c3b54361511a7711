package dev.loopscope.samples;

import dev.loopscope.api.Loopscope;
import dev.loopscope.samples.crawler.Crawler;
import dev.loopscope.samples.crawler.Site;
import dev.loopscope.samples.db.LegacyDatabase;
import dev.loopscope.samples.http.ApiCalls;
import dev.loopscope.samples.http.LatencyServer;
import dev.loopscope.samples.jobs.JobQueue;
import dev.loopscope.samples.mistakes.CpuOnTheLoop;
import dev.loopscope.samples.mistakes.JoinOnTheLoop;
import dev.loopscope.samples.mistakes.QueryOnTheNettyLoop;
import dev.loopscope.samples.mistakes.SleepOnTheLoop;
import dev.loopscope.samples.netty.NettyServer;
import dev.loopscope.samples.resilience.Retry;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A few seconds of the async work real programs do, for a first look at the agent's report: API
 * calls gathered, a polite crawler, a job queue, retries with back-off, a Netty server with many
 * clients, and some of the classic mistakes (a JDBC-style query on Netty's loop, a sleep, a
 * {@code join()} and CPU-heavy work on an event loop), which the report shows as findings.
 * Run it under the agent (README, "Set-up") and open the report it names.
 */
public final class Demo {

    public static void main(String[] args) throws Exception {
        // The client's own executor, named and small: its work shows as one pool in the report.
        ExecutorService clientPool = Loopscope.name(Executors.newFixedThreadPool(4), "http-client");
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(clientPool).build();
        gatherApiCalls(client);
        crawl(client);
        runJobs();
        retry();
        serveWithNetty(client);
        makeMistakesOnALoop();
        shutdown(clientPool);
        System.out.println("demo done; with the agent attached, its report is named below");
    }

    private static void gatherApiCalls(HttpClient client) throws Exception {
        step(1, "ten API calls, all at once and then one after the other");
        try (LatencyServer apis = new LatencyServer("api-server")) {
            ApiCalls calls = new ApiCalls(client);
            long gathered = millis(() -> calls.concurrent(10, i -> apis.uri("/api/call-" + i + "?latency=" + (50 + 10 * i))).get());
            long sequential = millis(() -> calls.sequential(10, i -> apis.uri("/api/call-" + i + "?latency=" + (50 + 10 * i))));
            System.out.printf("   concurrently %d ms, sequentially %d ms%n", gathered, sequential);
        }
    }

    private static void crawl(HttpClient client) throws Exception {
        step(2, "a crawler held to 4 requests at once by a semaphore");
        try (LatencyServer site = new LatencyServer("site", n -> Site.page(n, 40), 20, 32)) {
            ExecutorService fetchers = Loopscope.name(Executors.newFixedThreadPool(16), "crawler");
            Crawler.Result result = new Crawler(client, fetchers, 4).crawl(site.uri("/page/0"));
            shutdown(fetchers);
            System.out.printf("   %d pages, %d failures %s%n", result.pages().size(), result.failures().size(), result.failures().values());
        }
    }

    private static void runJobs() {
        step(3, "a background job queue with 3 workers");
        List<CompletableFuture<Integer>> jobs = new ArrayList<>();
        JobQueue queue = new JobQueue("jobs", 3, 100);
        try (queue) {
            for (int i = 0; i < 60; i++) {
                int job = i;
                jobs.add(queue.submit(() -> {
                    Thread.sleep(5);
                    if (job % 20 == 19) {
                        throw new IOException("job " + job + ": disk full");
                    }
                    return job;
                }));
            }
        }
        System.out.printf("   %d jobs, %d failed%n", jobs.size(), queue.failed());
    }

    private static void retry() throws Exception {
        step(4, "retries with back-off: 10, 20, 40 ms");
        ScheduledExecutorService timer = Loopscope.name(Executors.newSingleThreadScheduledExecutor(), "retry-timer");
        AtomicInteger attempts = new AtomicInteger();
        String answer = new Retry(timer, 5, Duration.ofMillis(10)).call(() -> attempts.incrementAndGet() < 4
                ? CompletableFuture.<String>failedFuture(new IOException("connection reset"))
                : CompletableFuture.completedFuture("ok")).get(10, TimeUnit.SECONDS);
        System.out.printf("   %s after %d attempts%n", answer, attempts.get());
        shutdown(timer);
    }

    /** The mistake here: each order is looked up with a blocking query on the loop, and both loop threads share one connection. */
    private static void serveWithNetty(HttpClient client) throws Exception {
        step(5, "a Netty server: 100 clients at once, and 3 orders looked up in a JDBC-style database on its loop (a mistake)");
        try (LegacyDatabase database = new LegacyDatabase(30); LegacyDatabase.Connection db = database.connect()) {
            Function<String, CompletionStage<String>> blockingQuery = QueryOnTheNettyLoop.handlerWrong(db);
            try (NettyServer server = new NettyServer(2, path -> path.startsWith("/orders/")
                    ? blockingQuery.apply(path)
                    : CompletableFuture.completedFuture("hello"))) {
                List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    responses.add(client.sendAsync(HttpRequest.newBuilder(server.uri("/hello/" + i)).build(), HttpResponse.BodyHandlers.ofString()));
                }
                for (int i = 0; i < 3; i++) {
                    responses.add(client.sendAsync(HttpRequest.newBuilder(server.uri("/orders/" + i)).build(), HttpResponse.BodyHandlers.ofString()));
                }
                CompletableFuture.allOf(responses.toArray(new CompletableFuture<?>[0])).get(30, TimeUnit.SECONDS);
                System.out.printf("   %d responses%n", responses.size());
            }
        }
    }

    private static void makeMistakesOnALoop() throws Exception {
        step(6, "an event loop of our own, and three mistakes on it: a sleep, a join() and CPU-heavy work");
        ScheduledExecutorService loop = Loopscope.markLoop(Loopscope.name(
                Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "ui-loop")), "ui-loop"));
        SleepOnTheLoop.pollWrong(loop, 3).get();
        CompletableFuture<List<Double>> prices = new CompletableFuture<>();
        CompletableFuture<Double> total = JoinOnTheLoop.totalWrong(loop, prices);
        CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS).execute(() -> prices.complete(List.of(1.5, 2.5)));
        total.get();
        CpuOnTheLoop.hashWrong(loop, "correct horse battery staple").get();
        SleepOnTheLoop.pollRight(loop, 3).get(); // and the right way: timers, the loop stays free
        shutdown(loop);
    }

    private interface Work {
        Object run() throws Exception;
    }

    private static long millis(Work work) throws Exception {
        long start = System.nanoTime();
        work.run();
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static void step(int n, String what) {
        System.out.printf("[%d/6] %s%n", n, what);
    }

    private static void shutdown(ExecutorService executor) throws InterruptedException {
        executor.shutdown();
        executor.awaitTermination(10, TimeUnit.SECONDS);
    }
}
