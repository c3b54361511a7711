package dev.loopscope.benchmarks;

import java.util.List;

/** A Markdown table, written row by row. Cells are our own text, never an application's. */
final class Markdown {

    private final StringBuilder text = new StringBuilder();

    Markdown(List<String> header) {
        row(header);
        text.append('|');
        header.forEach(h -> text.append("---|"));
        text.append('\n');
    }

    Markdown row(List<String> cells) {
        text.append("| ").append(String.join(" | ", cells)).append(" |\n");
        return this;
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
