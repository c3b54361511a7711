package dev.loopscope.samples.crawler;

/** A small site for the crawler: page N links to pages 3N+1 to 3N+3, up to {@code size} pages. */
public final class Site {

    private Site() {
    }

    public static String page(int n, int size) {
        StringBuilder html = new StringBuilder("<html><body><h1>page ").append(n).append("</h1>");
        for (int child = 3 * n + 1; child <= 3 * n + 3 && child < size; child++) {
            html.append("<a href=\"/page/").append(child).append("\">page ").append(child).append("</a>");
        }
        // Every page also links home, so the crawler must remember what it has seen.
        return html.append("<a href=\"/page/0\">home</a></body></html>").toString();
    }
}
