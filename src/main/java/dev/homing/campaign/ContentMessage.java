package dev.homing.campaign;

import jakarta.mail.BodyPart;
import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeVisitor;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One rendered message as the content rules see it: the decoded subject, the first text/plain and
 * text/html parts (attachments ignored), the HTML's visible text with block breaks kept as line
 * breaks, its links and images, and the sizes. Parsed once, shared by every rule.
 *
 * @param html the HTML source, or null when the message has no text/html part
 * @param htmlDocument the parsed HTML, or null
 * @param text the text/plain part, or null when the message has none
 * @param htmlText visible text of the HTML ("" without HTML)
 * @param htmlBytes UTF-8 size of the HTML source (what Gmail measures before clipping)
 */
record ContentMessage(List<HeaderField> headers, String subject, String text, String html, Document htmlDocument,
                      String htmlText, List<Link> links, List<Image> images, int htmlBytes, int totalBytes) {

    record HeaderField(String name, String value) {
    }

    /** A link: its target and the text a reader sees; textual links found in text/plain have href == text. */
    record Link(String href, String text, boolean fromHtml) {
    }

    /** An image in the HTML; tracking pixels (1x1) are flagged so image rules can ignore them. */
    record Image(String src, String alt, boolean pixel) {
    }

    private static final Pattern TEXT_URL = Pattern.compile("(?i)\\bhttps?://[^\\s<>\"')\\]]+");
    private static final Set<String> BLOCKS = Set.of("p", "div", "br", "tr", "li", "ul", "ol", "table", "h1", "h2",
            "h3", "h4", "h5", "h6", "blockquote", "address", "section", "article", "header", "footer", "hr", "td", "th");

    /** Parses wire or file bytes; a message Jakarta Mail cannot read at all is refused with the reason. */
    static ContentMessage parse(byte[] raw) {
        try {
            MimeMessage m = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
            List<HeaderField> headers = new ArrayList<>();
            for (Enumeration<Header> e = m.getAllHeaders(); e.hasMoreElements(); ) {
                Header h = e.nextElement();
                headers.add(new HeaderField(h.getName(), h.getValue() == null ? "" : h.getValue().trim()));
            }
            String subject = m.getSubject() == null ? "" : m.getSubject();
            String[] bodies = new String[2];
            collect(m, bodies);
            String text = bodies[0];
            String html = bodies[1];
            Document doc = html == null ? null : Jsoup.parse(html);
            String htmlText = doc == null ? "" : visibleText(doc);
            List<Link> links = new ArrayList<>();
            List<Image> images = new ArrayList<>();
            if (doc != null) {
                for (Element a : doc.select("a[href]")) {
                    links.add(new Link(a.attr("href").trim(), a.text().trim(), true));
                }
                for (Element img : doc.select("img")) {
                    images.add(new Image(img.attr("src"), img.attr("alt"), tiny(img.attr("width")) && tiny(img.attr("height"))));
                }
            }
            if (text != null) {
                Matcher u = TEXT_URL.matcher(text);
                while (u.find()) {
                    String url = u.group().replaceAll("[.,;:!?]+$", "");
                    links.add(new Link(url, url, false));
                }
            }
            int htmlBytes = html == null ? 0 : html.getBytes(StandardCharsets.UTF_8).length;
            return new ContentMessage(List.copyOf(headers), subject, text, html, doc, htmlText, List.copyOf(links),
                    List.copyOf(images), htmlBytes, raw.length);
        } catch (MessagingException | IOException e) {
            throw new IllegalArgumentException("not a readable RFC 5322 message: " + e.getMessage(), e);
        }
    }

    /** First header value with that name, or null. */
    String header(String name) {
        for (HeaderField h : headers) {
            if (h.name().equalsIgnoreCase(name)) {
                return h.value();
            }
        }
        return null;
    }

    /** Everything a reader can read: subject, text part and the HTML's visible text. */
    String allText() {
        return subject + "\n" + (text == null ? "" : text) + "\n" + htmlText;
    }

    /** The body text a reader sees (text part and HTML text; duplicates do not matter to the rules). */
    String bodyText() {
        return (text == null ? "" : text) + "\n" + htmlText;
    }

    private static void collect(Part p, String[] bodies) throws MessagingException, IOException {
        if (Part.ATTACHMENT.equalsIgnoreCase(p.getDisposition())) {
            return;
        }
        if (p.isMimeType("multipart/*")) {
            Object content = p.getContent();
            if (content instanceof Multipart mp) {
                for (int i = 0; i < mp.getCount(); i++) {
                    BodyPart child = mp.getBodyPart(i);
                    collect(child, bodies);
                }
            }
        } else if (p.isMimeType("text/plain") && bodies[0] == null) {
            bodies[0] = decoded(p);
        } else if (p.isMimeType("text/html") && bodies[1] == null) {
            bodies[1] = decoded(p);
        } else if (p.getContentType() == null && bodies[0] == null) {
            bodies[0] = decoded(p); // no Content-Type at all means text/plain (RFC 2045 5.2)
        }
    }

    /** The part's text; an unknown charset falls back to UTF-8 rather than failing the whole check. */
    private static String decoded(Part p) throws MessagingException, IOException {
        try {
            Object content = p.getContent();
            if (content instanceof String s) {
                return s;
            }
        } catch (IOException unknownCharset) {
            // fall through to the raw bytes
        }
        try (InputStream in = p.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static boolean tiny(String dimension) {
        String d = dimension.trim().toLowerCase(Locale.ROOT).replace("px", "");
        return d.equals("0") || d.equals("1") || d.equals("2");
    }

    /** Visible text of the HTML body with a line break at every block boundary (addresses are line-shaped). */
    static String visibleText(Document doc) {
        StringBuilder out = new StringBuilder();
        Element root = doc.body() == null ? doc : doc.body();
        root.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode t) {
                    Node parent = t.parent();
                    if (parent instanceof Element e && (e.nameIs("style") || e.nameIs("script"))) {
                        return;
                    }
                    out.append(t.text());
                } else if (node instanceof Element e && BLOCKS.contains(e.normalName())) {
                    out.append('\n');
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element e && BLOCKS.contains(e.normalName())) {
                    out.append('\n');
                }
            }
        });
        return out.toString().replaceAll("[ \\t\\u00a0]+", " ").replaceAll(" ?\\n[ \\n]*", "\n").strip();
    }
}
