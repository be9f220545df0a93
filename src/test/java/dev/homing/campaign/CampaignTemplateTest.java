package dev.homing.campaign;

import com.samskivert.mustache.Mustache;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Templates with variables only are run without Mustache: the output must be what Mustache makes. */
class CampaignTemplateTest {
    private static final Set<String> KNOWN = Set.of("name", "city", "email", "vip");
    private static final Mustache.Escaper HTML = com.samskivert.mustache.Escapers.simple(new String[][]{
            {"&", "&amp;"}, {"<", "&lt;"}, {">", "&gt;"}, {"\"", "&quot;"}, {"'", "&#39;"}});

    @Test
    void variablesOnlyAndSectionsRenderAsMustacheDoes() {
        String[][] cases = {
                {"Hi {{name}}", "<p>Hello {{name}} from {{city|Paris}}</p>\n<a href=\"x?e={{{email}}}\">{{&name}}</a>\r\n.dot\r", "Hi {{name}},\r\nin {{city}}\n"},
                {"{{name}}{{city}}", "{{name}}{{name}}\n\n", null},
                {"Plain", "<p>no fields at all, é and 😀</p>", "text only {{email}}"},
                {"With {{#vip}}VIP {{/vip}}{{name}}", "<p>{{#vip}}Dear VIP{{/vip}}{{^vip}}Hello{{/vip}} {{name}}</p>\n", "{{! a comment }}\nHi {{name}}\n"},
        };
        Map<String, Object> values = Map.of("name", "Zoë <&> \"O'Brien\"\r", "city", "", "email", "a&b@example.test", "vip", "yes");
        for (String[] c : cases) {
            CampaignTemplate t = CampaignTemplate.compile(c[0], c[1], c[2], KNOWN);
            BodyEncoding.Text html = new BodyEncoding.Text(16);
            BodyEncoding.Text text = new BodyEncoding.Text(16);
            String subject = t.fill(values::get, html, text);

            MergeFields f = new MergeFields();
            String s = f.rewrite("subject", c[0], KNOWN);
            String h = f.rewrite("html", c[1], KNOWN);
            String x = f.rewrite("text", c[2] != null ? c[2] : HtmlText.of(c[1]), KNOWN);
            Map<String, Object> ctx = f.context(values::get);
            Mustache.Compiler plain = Mustache.compiler().defaultValue("").escapeHTML(false);
            assertThat(subject).isEqualTo(plain.compile(s).execute(ctx));
            assertThat(utf8(html)).as(c[1]).isEqualTo(crlf(Mustache.compiler().defaultValue("").withEscaper(HTML).compile(h).execute(ctx)));
            assertThat(utf8(text)).isEqualTo(crlf(plain.compile(x).execute(ctx)));
        }
    }

    private static String utf8(BodyEncoding.Text t) {
        return new String(t.buf, 0, t.len, StandardCharsets.UTF_8);
    }

    private static String crlf(String s) {
        return s.replace("\r\n", "\n").replace('\r', '\n').replace("\n", "\r\n");
    }
}
