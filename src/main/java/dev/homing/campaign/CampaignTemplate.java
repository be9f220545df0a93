package dev.homing.campaign;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The subject, HTML and text of a campaign compiled once into logic-less Mustache templates (no
 * code runs: customers write these). HTML values are escaped; subject and text values are not.
 * When there is HTML but no text, the text is made from the HTML template, once.
 */
final class CampaignTemplate {
    private static final Mustache.Escaper HTML = dev.homing.http.Html::escape;
    private final MergeFields fields = new MergeFields();
    private final Template subject;
    private final Template html;
    private final Template text;
    /** The same three split into literal text and slots; null when any needs Mustache itself (sections, comments). */
    private final Plan subjectPlan;
    private final Plan htmlPlan;
    private final Plan textPlan;

    private CampaignTemplate(String subject, String html, String text, Set<String> known) {
        if (html == null && text == null) {
            throw new TemplateError("the campaign has neither an HTML nor a text body");
        }
        // rewritten and compiled part by part, in this order: slots are numbered and errors found in it
        String s = fields.rewrite("subject", subject, known);
        this.subject = compile("subject", s, false);
        String h = html == null ? null : fields.rewrite("html", html, known);
        this.html = h == null ? null : compile("html", h, true);
        String textPart = text != null ? "text" : "text (made from the html)";
        String t = fields.rewrite(textPart, text != null ? text : HtmlText.of(html), known);
        this.text = compile(textPart, t, false);
        int slots = fields.slots().size();
        Plan sp = Plan.of(s, false, slots);
        Plan hp = h == null ? null : Plan.of(h, true, slots);
        Plan tp = Plan.of(t, false, slots);
        boolean plain = sp != null && tp != null && (h == null || hp != null);
        this.subjectPlan = plain ? sp : null;
        this.htmlPlan = plain ? hp : null;
        this.textPlan = plain ? tp : null;
    }

    static CampaignTemplate compile(String subject, String html, String text, Set<String> known) {
        return new CampaignTemplate(subject, html, text, known);
    }

    private static Template compile(String part, String rewritten, boolean escape) {
        try {
            Mustache.Compiler c = Mustache.compiler().defaultValue("");
            // HTML values: the five characters that matter in text and quoted attributes, so links stay readable
            return (escape ? c.withEscaper(HTML) : c.escapeHTML(false)).compile(rewritten);
        } catch (MustacheException e) {
            // section mismatches: jmustache names the line
            throw new TemplateError(part + ": " + e.getMessage());
        }
    }

    /** Whether any of these fields appears in the templates. */
    boolean uses(String... names) {
        return fields.uses(names);
    }

    boolean hasHtml() {
        return html != null;
    }

    /**
     * The subject for one subscriber, the HTML (when there is some) and the text written into their parts:
     * as UTF-8 with CRLF line ends, without a String per part or a copy for the line ends.
     */
    String fill(Function<String, Object> values, BodyEncoding.Text htmlOut, BodyEncoding.Text textOut) {
        if (textPlan != null) {
            // variables only: literal text copied as encoded once, each value looked up once for all three
            String[] v = fields.values(values);
            if (htmlPlan != null) {
                htmlPlan.write(v, htmlOut);
                htmlOut.done();
            }
            textPlan.write(v, textOut);
            textOut.done();
            return subjectPlan.string(v);
        }
        Map<String, Object> ctx = fields.context(values);
        if (html != null) {
            html.execute(ctx, htmlOut);
            htmlOut.done();
        }
        text.execute(ctx, textOut);
        textOut.done();
        return subject.execute(ctx);
    }

    /**
     * A template made of literal text and variables only, as Mustache would run it: literal text as is,
     * values escaped for HTML unless the tag is triple ({{{f0}}}). Sections and comments (whose
     * standalone lines Mustache trims) are left to Mustache.
     */
    static final class Plan {
        private final BodyEncoding.Chunk[] literal;
        private final int[] slot;
        private final boolean[] escape;

        private Plan(List<BodyEncoding.Chunk> literal, List<Integer> slot, List<Boolean> escape) {
            this.literal = literal.toArray(new BodyEncoding.Chunk[0]);
            this.slot = slot.stream().mapToInt(Integer::intValue).toArray();
            this.escape = new boolean[escape.size()];
            for (int i = 0; i < this.escape.length; i++) {
                this.escape[i] = escape.get(i);
            }
        }

        /** The plan of a rewritten template, or null when it has any tag but a slot. */
        static Plan of(String t, boolean html, int slots) {
            List<BodyEncoding.Chunk> literal = new ArrayList<>();
            List<Integer> slot = new ArrayList<>();
            List<Boolean> escape = new ArrayList<>();
            int i = 0;
            while (true) {
                int open = t.indexOf("{{", i);
                if (open < 0) {
                    literal.add(new BodyEncoding.Chunk(t.substring(i)));
                    return new Plan(literal, slot, escape);
                }
                boolean triple = t.startsWith("{{{", open);
                String closer = triple ? "}}}" : "}}";
                int nameStart = open + closer.length();
                int close = t.indexOf(closer, nameStart);
                if (close < 0 || close - nameStart < 2 || t.charAt(nameStart) != 'f') {
                    return null;
                }
                int k = 0;
                for (int j = nameStart + 1; j < close; j++) {
                    char c = t.charAt(j);
                    if (c < '0' || c > '9' || k > slots) {
                        return null;
                    }
                    k = k * 10 + (c - '0');
                }
                if (k >= slots) {
                    return null;
                }
                literal.add(new BodyEncoding.Chunk(t.substring(i, open)));
                slot.add(k);
                escape.add(html && !triple);
                i = close + closer.length();
            }
        }

        void write(String[] values, BodyEncoding.Text out) {
            for (int i = 0; i < slot.length; i++) {
                out.write(literal[i]);
                String v = values[slot[i]];
                if (escape[i]) {
                    out.escaped(v);
                } else {
                    out.write(v);
                }
            }
            out.write(literal[slot.length]);
        }

        String string(String[] values) {
            StringBuilder sb = new StringBuilder(64);
            for (int i = 0; i < slot.length; i++) {
                sb.append(literal[i].source);
                String v = values[slot[i]];
                sb.append(escape[i] ? HTML.escape(v) : v);
            }
            return sb.append(literal[slot.length].source).toString();
        }
    }
}
