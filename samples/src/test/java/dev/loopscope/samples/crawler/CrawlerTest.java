package dev.loopscope.samples.crawler;

import static dev.loopscope.harness.LoopscopeAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.loopscope.api.Loopscope;
import dev.loopscope.harness.LoopscopeTest;
import dev.loopscope.harness.Timeline;
import dev.loopscope.samples.http.LatencyServer;
import java.net.http.HttpClient;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A 40-page site, 30 ms a page, crawled by 16 threads: the semaphore, not the pool, sets the limit. */
@LoopscopeTest(timeout = "20s")
class CrawlerTest {

    private static final int PAGES = 40;

    private static LatencyServer site;
    private static HttpClient client;

    @BeforeAll
    static void start() throws Exception {
        site = new LatencyServer("site", n -> Site.page(n, PAGES), 30, 32);
        client = HttpClient.newHttpClient();
    }

    @AfterAll
    static void stop() throws Exception {
        site.close();
    }

    @Test
    void aLimitOfFourHoldsWhateverThePoolSize(Timeline timeline) throws Exception {
        Crawler.Result result = crawl(4);

        assertThat(result.pages()).hasSize(PAGES);
        assertThat(result.failures()).containsExactly(entry(site.uri("/page/" + Site.MISSING), "HTTP 404"));
        assertThat(timeline.tasksOf("crawler")).as("each page once, the missing one too, nothing of example.com")
                .hasSize(PAGES + 1);
        // What politeness means: the site never worked on more than four of its requests at once.
        // (On the crawler's own pool a fetch gives its permit back a few µs before its task ends,
        // and a busy machine can stretch those µs past the 1 ms hand-over the assertion forgives.)
        assertThat(timeline).maxConcurrency("site").isLessThanOrEqualTo(4).isGreaterThanOrEqualTo(3);
    }

    /** The same assertion would catch a crawler without the limit: here the pool runs up to 16 at once. */
    @Test
    void withoutTheLimitThePoolRunsManyMoreAtOnce(Timeline timeline) throws Exception {
        Crawler.Result result = crawl(16);

        assertThat(result.pages()).hasSize(PAGES);
        assertThat(timeline).maxConcurrency("site").isGreaterThan(4);
    }

    private static Crawler.Result crawl(int limit) throws InterruptedException {
        ExecutorService fetchers = Loopscope.name(Executors.newFixedThreadPool(16), "crawler");
        try {
            return new Crawler(client, fetchers, limit).crawl(site.uri("/page/0"));
        } finally {
            fetchers.shutdown();
            fetchers.awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
