package dev.homing.campaign;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;

import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The subject, HTML and text of a campaign compiled once into logic-less Mustache templates (no
 * code runs: customers write these). HTML values are escaped; subject and text values are not.
 * When there is HTML but no text, the text is made from the HTML template, once.
 */
final class CampaignTemplate {
    private static final Mustache.Escaper HTML = com.samskivert.mustache.Escapers.simple(new String[][]{
            {"&", "&amp;"}, {"<", "&lt;"}, {">", "&gt;"}, {"\"", "&quot;"}, {"'", "&#39;"}});
    private final MergeFields fields = new MergeFields();
    private final Template subject;
    private final Template html;
    private final Template text;

    private CampaignTemplate(String subject, String html, String text, Set<String> known) {
        if (html == null && text == null) {
            throw new TemplateError("the campaign has neither an HTML nor a text body");
        }
        this.subject = compile("subject", subject, known, false);
        this.html = html == null ? null : compile("html", html, known, true);
        String textSource = text != null ? text : HtmlText.of(html);
        this.text = compile(text != null ? "text" : "text (made from the html)", textSource, known, false);
    }

    static CampaignTemplate compile(String subject, String html, String text, Set<String> known) {
        return new CampaignTemplate(subject, html, text, known);
    }

    private Template compile(String part, String source, Set<String> known, boolean escape) {
        String rewritten = fields.rewrite(part, source, known);
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

    /** The three texts for one subscriber; {@code values} gives a field's value or null. */
    Filled fill(Function<String, Object> values) {
        Map<String, Object> ctx = fields.context(values);
        return new Filled(subject.execute(ctx), html == null ? null : html.execute(ctx), text.execute(ctx));
    }

    record Filled(String subject, String html, String text) {
    }
}
