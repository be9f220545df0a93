package dev.homing.provider;

import dev.homing.http.Html;
import java.util.ArrayList;
import java.util.List;

/** Builds instructions from paragraphs and lists, rendering each block as wrapped text and as escaped HTML. */
final class Layout {
    static final int WIDTH = 72;

    private sealed interface Block permits Para, Numbered, Bullets {
    }

    private record Para(String text) implements Block {
    }

    private record Numbered(List<String> items) implements Block {
    }

    private record Bullets(List<String> items) implements Block {
    }

    private final List<Block> blocks = new ArrayList<>();

    Layout para(String text) {
        blocks.add(new Para(text));
        return this;
    }

    Layout steps(String... items) {
        blocks.add(new Numbered(List.of(items)));
        return this;
    }

    Layout bullets(List<String> items) {
        blocks.add(new Bullets(List.copyOf(items)));
        return this;
    }

    Instructions build(Provider provider, String heading) {
        StringBuilder text = new StringBuilder();
        wrap(text, heading, "", "");
        StringBuilder html = new StringBuilder("<div class=\"safelist\">\n<p><strong>").append(Html.escape(heading)).append("</strong></p>\n");
        for (Block b : blocks) {
            text.append('\n');
            switch (b) {
                case Para p -> {
                    wrap(text, p.text(), "", "");
                    html.append("<p>").append(Html.escape(p.text())).append("</p>\n");
                }
                case Numbered n -> {
                    html.append("<ol>\n");
                    for (int i = 0; i < n.items().size(); i++) {
                        String mark = (i + 1) + ". ";
                        wrap(text, n.items().get(i), mark, " ".repeat(mark.length()));
                        html.append("<li>").append(Html.escape(n.items().get(i))).append("</li>\n");
                    }
                    html.append("</ol>\n");
                }
                case Bullets l -> {
                    html.append("<ul>\n");
                    for (String item : l.items()) {
                        wrap(text, item, "- ", "  ");
                        html.append("<li>").append(Html.escape(item)).append("</li>\n");
                    }
                    html.append("</ul>\n");
                }
            }
        }
        html.append("</div>\n");
        return new Instructions(provider, heading, text.toString(), html.toString());
    }

    /** Greedy word wrap with a hanging indent; a word longer than the width (a URL) stays whole on its line. */
    static void wrap(StringBuilder out, String text, String first, String rest) {
        StringBuilder line = new StringBuilder(first);
        int empty = first.length();
        for (String word : text.strip().split("\\s+")) {
            if (line.length() > empty && line.length() + 1 + word.length() > WIDTH) {
                out.append(line).append('\n');
                line.setLength(0);
                line.append(rest);
                empty = rest.length();
            }
            if (line.length() > empty) {
                line.append(' ');
            }
            line.append(word);
        }
        out.append(line).append('\n');
    }
}
