package dev.loopscope.samples.crawler;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A web crawler that is polite to the site: a {@link Semaphore} holds it to {@code limit}
 * requests at once, however many links it has found and however many threads it has. It follows
 * links on the start page's host only.
 *
 * <p>The permit is taken <em>before</em> a fetch is handed to the pool and given back as the fetch
 * ends, so at most {@code limit} requests are ever in flight; the test checks that on the site's
 * side of the recorded timeline.
 */
public final class Crawler {

    private static final Pattern LINK = Pattern.compile("href=\"([^\"]+)\"");

    private final HttpClient client;
    private final ExecutorService fetchers;
    private final int limit;

    public Crawler(HttpClient client, ExecutorService fetchers, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        this.client = client;
        this.fetchers = fetchers;
        this.limit = limit;
    }

    /** Every page reachable from {@code start} on its host, each fetched once; failures by page. */
    public Result crawl(URI start) throws InterruptedException {
        Semaphore permits = new Semaphore(limit);
        BlockingQueue<URI> found = new LinkedBlockingQueue<>();
        Set<URI> seen = ConcurrentHashMap.newKeySet();
        Set<URI> pages = ConcurrentHashMap.newKeySet();
        Map<URI, String> failures = new ConcurrentHashMap<>();
        AtomicInteger inFlight = new AtomicInteger();
        seen.add(start);
        found.add(start);
        // A fetch adds its links before it counts itself done, so "none in flight and none found"
        // (read in that order) means the crawl is over.
        while (inFlight.get() > 0 || !found.isEmpty()) {
            URI next = found.poll(20, TimeUnit.MILLISECONDS);
            if (next == null) {
                continue;
            }
            permits.acquire();
            inFlight.incrementAndGet();
            Runnable fetch = () -> {
                try {
                    HttpResponse<String> page = client.send(HttpRequest.newBuilder(next).build(), HttpResponse.BodyHandlers.ofString());
                    if (page.statusCode() != 200) {
                        failures.put(next, "HTTP " + page.statusCode());
                        return;
                    }
                    pages.add(next);
                    Matcher link = LINK.matcher(page.body());
                    while (link.find()) {
                        URI target = next.resolve(link.group(1));
                        if (sameHost(start, target) && seen.add(target)) {
                            found.add(target);
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    failures.put(next, e.toString());
                } catch (InterruptedException e) {
                    failures.put(next, "interrupted");
                    Thread.currentThread().interrupt();
                } finally {
                    permits.release();
                    inFlight.decrementAndGet();
                }
            };
            try {
                fetchers.execute(fetch);
            } catch (RuntimeException e) { // the pool refused it: give back what the fetch would have
                permits.release();
                inFlight.decrementAndGet();
                throw e;
            }
        }
        return new Result(pages, failures);
    }

    private static boolean sameHost(URI start, URI target) {
        return start.getScheme().equals(target.getScheme()) && start.getAuthority().equals(target.getAuthority());
    }

    /** The pages fetched, and the pages that failed with why. */
    public record Result(Set<URI> pages, Map<URI, String> failures) {
    }
}
