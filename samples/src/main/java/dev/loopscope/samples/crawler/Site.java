package dev.loopscope.samples.crawler;

/**
 * A small site for the crawler: page N links to pages 3N+1 to 3N+3, up to {@code size} pages.
 * Every page links home; the home page also links to another site and to a page that does not
 * exist, as real sites do.
 */
public final class Site {

    /** The page the home page links to that does not exist. */
    public static final int MISSING = 999;

    private Site() {
    }

    /** Page {@code n}, or null if there is no such page. */
    public static String page(int n, int size) {
        if (n >= size) {
            return null;
        }
        StringBuilder html = new StringBuilder("<html><body><h1>page ").append(n).append("</h1>");
        for (int child = 3 * n + 1; child <= 3 * n + 3 && child < size; child++) {
            html.append("<a href=\"/page/").append(child).append("\">page ").append(child).append("</a>");
        }
        if (n == 0) {
            html.append("<a href=\"https://example.com/\">elsewhere</a><a href=\"/page/").append(MISSING).append("\">gone</a>");
        }
        return html.append("<a href=\"/page/0\">home</a></body></html>").toString();
    }
}
