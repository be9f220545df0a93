package dev.homing.campaign;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

import java.util.Set;

/**
 * The text part made from an HTML body when the sender wrote none: paragraphs and headings apart,
 * list items as "- item" (numbered in ordered lists), links as {@code text (url)}, images by their
 * alt text, scripts and styles dropped. Merge tags are plain text to the parser, so this runs once
 * on the template, not per recipient.
 */
final class HtmlText {
    private static final Set<String> BLOCKS = Set.of("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr", "ul", "ol",
            "blockquote", "section", "article", "header", "footer", "center", "pre", "hr", "address", "dl", "form");
    private static final Set<String> SKIPPED = Set.of("script", "style", "head", "title", "noscript", "template");

    private HtmlText() {
    }

    static String of(String html) {
        Element body = Jsoup.parse(html).body();
        StringBuilder out = new StringBuilder(html.length() / 2);
        walk(body, out, 0);
        return tidy(out.toString());
    }

    private static void walk(Node node, StringBuilder out, int listDepth) {
        for (Node child : node.childNodes()) {
            if (child instanceof TextNode t) {
                String s = t.getWholeText().replaceAll("[ \\t\\r\\n\\u00a0]+", " ");
                if (out.isEmpty() || out.charAt(out.length() - 1) == '\n') {
                    s = s.stripLeading();
                }
                out.append(s);
            } else if (child instanceof Element e) {
                element(e, out, listDepth);
            }
        }
    }

    private static void element(Element e, StringBuilder out, int listDepth) {
        String tag = e.normalName();
        if (SKIPPED.contains(tag)) {
            return;
        }
        switch (tag) {
            case "br" -> out.append('\n');
            case "img" -> {
                String alt = e.attr("alt").strip();
                if (!alt.isEmpty()) {
                    out.append(alt);
                }
            }
            case "a" -> {
                int start = out.length();
                walk(e, out, listDepth);
                String text = out.substring(start).strip();
                String href = e.attr("href").strip();
                if (!href.isEmpty() && !href.startsWith("#") && !sameLink(text, href)) {
                    String shown = href.startsWith("mailto:") ? href.substring(7) : href;
                    out.append(text.isEmpty() ? shown : " (" + shown + ")");
                }
            }
            case "li" -> {
                paragraphBreak(out, false);
                out.append("  ".repeat(Math.max(0, listDepth - 1)));
                Element parent = e.parent();
                out.append(parent != null && parent.normalName().equals("ol") ? (e.elementSiblingIndex() + 1) + ". " : "- ");
                walk(e, out, listDepth);
                paragraphBreak(out, false);
            }
            case "ul", "ol" -> {
                paragraphBreak(out, listDepth == 0);
                walk(e, out, listDepth + 1);
                paragraphBreak(out, listDepth == 0);
            }
            case "td", "th" -> {
                if (out.length() > 0 && out.charAt(out.length() - 1) != '\n' && out.charAt(out.length() - 1) != ' ') {
                    out.append(' ');
                }
                walk(e, out, listDepth);
            }
            case "hr" -> {
                paragraphBreak(out, true);
                out.append("----");
                paragraphBreak(out, true);
            }
            default -> {
                boolean block = BLOCKS.contains(tag);
                if (block) {
                    paragraphBreak(out, !tag.equals("tr") && !tag.equals("div"));
                }
                walk(e, out, listDepth);
                if (block) {
                    paragraphBreak(out, !tag.equals("tr") && !tag.equals("div"));
                }
            }
        }
    }

    private static boolean sameLink(String text, String href) {
        String h = href.startsWith("mailto:") ? href.substring(7) : href;
        return text.equalsIgnoreCase(h) || text.equalsIgnoreCase(h.replaceFirst("^https?://", "").replaceFirst("/$", ""));
    }

    /** Ends the current line; with {@code blank}, leaves an empty line after it (a paragraph). */
    private static void paragraphBreak(StringBuilder out, boolean blank) {
        while (!out.isEmpty() && out.charAt(out.length() - 1) == ' ') {
            out.setLength(out.length() - 1);
        }
        if (out.isEmpty()) {
            return;
        }
        if (out.charAt(out.length() - 1) != '\n') {
            out.append('\n');
        }
        if (blank && (out.length() < 2 || out.charAt(out.length() - 2) != '\n')) {
            out.append('\n');
        }
    }

    /** Trims each line, keeps at most one empty line in a row, ends with one line break. */
    private static String tidy(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int blank = 0;
        for (String line : s.split("\n", -1)) {
            String l = line.strip();
            if (l.isEmpty()) {
                blank++;
                continue;
            }
            if (!out.isEmpty()) {
                out.append(blank > 0 ? "\n\n" : "\n");
            }
            blank = 0;
            out.append(l);
        }
        return out.append('\n').toString();
    }
}
