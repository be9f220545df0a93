package dev.homing.campaign;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContentCheckTest {
    static final ContentCheck CHECK = ContentCheck.standard();

    static ContentReport check(ContentMail mail) {
        return CHECK.check(mail.bytes());
    }

    static List<ContentFinding> findings(ContentMail mail, String rule) {
        return check(mail).findings().stream().filter(f -> f.rule().equals(rule)).toList();
    }

    static String html(String body) {
        return "<html><body>" + body + "<p><a href=\"https://www.example.com/u/abc\">Unsubscribe</a><br>"
                + ContentMail.ADDRESS + "</p></body></html>";
    }

    @Test
    void aCleanCampaignMailHasNoFindings() {
        ContentReport r = check(ContentMail.clean());
        assertThat(r.findings()).isEmpty();
        assertThat(r.score()).isZero();
        assertThat(r.verdict()).isEqualTo(ContentVerdict.LIKELY_FINE);
        assertThat(r.blocking()).isEmpty();
        assertThat(r.toText()).contains("0.0 points, likely fine").contains("no rule fired");
    }

    @Nested
    class SpamPhrases {
        @Test
        void firesOnListedPhrasesInSubjectAndBodyCaseInsensitively() {
            ContentReport r = check(ContentMail.clean().subject("Act NOW for our spring list").body("Get FREE   money today."));
            List<ContentFinding> hits = r.findings().stream().filter(f -> f.rule().equals(SpamPhraseRule.ID)).toList();
            assertThat(hits).extracting(ContentFinding::where)
                    .containsExactlyInAnyOrder("\"Act NOW\" in the subject", "\"FREE   money\" in the body");
            assertThat(hits).extracting(ContentFinding::points).containsExactlyInAnyOrder(1.0, 1.5);
            assertThat(hits.getFirst().explanation()).contains("spam trigger");
        }

        @Test
        void onlyOnWordBoundaries() {
            assertThat(findings(ContentMail.clean().body("Please transact now, or check the prizes of freedom."),
                    SpamPhraseRule.ID)).isEmpty();
            assertThat(findings(ContentMail.clean().body("Win a prize."), SpamPhraseRule.ID))
                    .extracting(ContentFinding::where).containsExactly("\"prize\" in the body");
        }

        @Test
        void aPhraseInsideALongerOneCountsOnceAndEachPhraseOnlyOnce() {
            List<ContentFinding> hits = findings(ContentMail.clean().body("100% guaranteed. Really 100% GUARANTEED."),
                    SpamPhraseRule.ID);
            assertThat(hits).extracting(ContentFinding::where).containsExactly("\"100% guaranteed\" in the body");
        }

        @Test
        void curlyApostrophesAndEncodedBodiesDoNotHideAPhrase() {
            assertThat(findings(ContentMail.clean().body("Don\u2019t delete this message."), SpamPhraseRule.ID)).hasSize(1);
            byte[] qp = ("From: a@example.com\r\nSubject: Hello\r\nMIME-Version: 1.0\r\n"
                    + "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
                    + "Claim your fr=\r\nee gift =E2=80=94 today\r\n").getBytes(StandardCharsets.US_ASCII);
            assertThat(CHECK.check(qp).findings()).filteredOn(f -> f.rule().equals(SpamPhraseRule.ID))
                    .extracting(ContentFinding::where).containsExactly("\"free gift\" in the body");
        }

        @Test
        void theBundledListIsWellFormedAndBadLinesAreNamed() {
            List<SpamPhrase> list = SpamPhrase.bundled();
            assertThat(list).hasSizeGreaterThan(50);
            assertThat(list).allSatisfy(p -> {
                assertThat(p.weight()).isPositive();
                assertThat(p.why()).isNotBlank();
            });
            assertThatThrownBy(() -> SpamPhrase.parse("# c\nfree money\t1.5\twhy\nact now\tlots\twhy\n", "x.tsv"))
                    .hasMessage("x.tsv line 3: weight \"lots\" is not a number");
            assertThatThrownBy(() -> SpamPhrase.parse("free money 1.5\n", "x.tsv")).hasMessageContaining("line 1");
        }
    }

    @Nested
    class Subject {
        @Test
        void allOrMostlyCapitalsFire() {
            assertThat(findings(ContentMail.clean().subject("HUGE SPRING READING SALE"), SubjectCapsRule.ID)).singleElement()
                    .satisfies(f -> assertThat(f.explanation()).contains("all in capitals"));
            assertThat(findings(ContentMail.clean().subject("HUGE SPRING READING list"), SubjectCapsRule.ID)).singleElement()
                    .satisfies(f -> assertThat(f.explanation()).contains("% capitals"));
        }

        @Test
        void acronymsAndShortWordsDoNotFire() {
            assertThat(findings(ContentMail.clean().subject("Our NEW FAQ for the spring list"), SubjectCapsRule.ID)).isEmpty();
            assertThat(findings(ContentMail.clean().subject("NEW BOOKS"), SubjectCapsRule.ID)).isEmpty();
        }

        @Test
        void encodedSubjectsAreDecodedFirst() {
            List<ContentFinding> f = findings(ContentMail.clean().subject("=?UTF-8?B?" + Base64.getEncoder()
                    .encodeToString("ÜBERRASCHUNG FÜR SIE".getBytes(StandardCharsets.UTF_8)) + "?="), SubjectCapsRule.ID);
            assertThat(f).singleElement().extracting(ContentFinding::where).isEqualTo("Subject: ÜBERRASCHUNG FÜR SIE");
        }

        @Test
        void excessivePunctuationFires() {
            for (String s : List.of("Spring sale!!!", "Are you ready??", "Save $$$ this spring", "Really?!?", "Wow! New books! Now!")) {
                assertThat(findings(ContentMail.clean().subject(s), SubjectPunctuationRule.ID)).as(s).hasSize(1);
            }
        }

        @Test
        void normalPunctuationDoesNotFire() {
            for (String s : List.of("Spring is here!", "What's new? Our spring list", "Books from $5")) {
                assertThat(findings(ContentMail.clean().subject(s), SubjectPunctuationRule.ID)).as(s).isEmpty();
            }
        }

        @Test
        void tooLongOrMissingFires() {
            String longSubject = "Our spring reading list with twelve novels our booksellers loved this season and a new series";
            assertThat(findings(ContentMail.clean().subject(longSubject), SubjectLengthRule.LONG)).singleElement()
                    .satisfies(f -> assertThat(f.explanation()).contains(longSubject.length() + " characters"));
            assertThat(findings(ContentMail.clean().subject("Our spring reading list: twelve novels"), SubjectLengthRule.LONG)).isEmpty();
            assertThat(findings(ContentMail.clean().subject(null), SubjectLengthRule.EMPTY)).hasSize(1);
            assertThat(findings(ContentMail.clean().subject("   "), SubjectLengthRule.EMPTY)).hasSize(1);
        }
    }

    @Nested
    class Images {
        static final String WORDS_100 = "word ".repeat(100);

        @Test
        void imageOnlyHtmlFires() {
            ContentMail mail = ContentMail.clean().html("<html><body><img src=\"https://www.example.com/a.png\">"
                    + "<img src=\"https://www.example.com/b.png\" alt=\"lots of alt text does not count as text at all\"></body></html>");
            assertThat(findings(mail, ImageOnlyRule.ONLY)).singleElement()
                    .extracting(ContentFinding::where).isEqualTo("2 images, 0 words of text");
        }

        @Test
        void fewWordsForManyImagesFires() {
            ContentMail mail = ContentMail.clean().html(html("<img src=a.png><img src=b.png><img src=c.png><img src=d.png>"
                    + "<p>" + WORDS_100 + "</p>"));
            assertThat(findings(mail, ImageOnlyRule.MOSTLY)).hasSize(1);
            assertThat(findings(mail, ImageOnlyRule.ONLY)).isEmpty();
        }

        @Test
        void textWithAnImageOrATrackingPixelDoesNotFire() {
            assertThat(findings(ContentMail.clean().html(html("<img src=a.png><p>" + WORDS_100 + "</p>")), ImageOnlyRule.MOSTLY)).isEmpty();
            ContentMail pixel = ContentMail.clean().html(html("<p>Short note.</p><img src=\"https://t.example.com/o.gif\" width=1 height=\"1\">"));
            assertThat(check(pixel).findings()).extracting(ContentFinding::rule)
                    .doesNotContain(ImageOnlyRule.ONLY, ImageOnlyRule.MOSTLY);
            assertThat(findings(ContentMail.clean().html(html("<img src=a.png><p>" + "word ".repeat(20 * 20) + "</p>"
                    + "<img src=b.png>".repeat(19))), ImageOnlyRule.MOSTLY)).as("300+ words is real text").isEmpty();
        }
    }

    @Nested
    class Links {
        @Test
        void shortenersFireOncePerServiceInHtmlAndText() {
            ContentMail mail = ContentMail.clean().html(html("<a href=\"https://bit.ly/abc\">Read</a> <a href=\"http://BIT.LY/def\">More</a>"
                    + " <a href=\"https://www.tinyurl.com/x\">x</a>")).text(ContentMail.TEXT + "\nAlso: https://t.co/xyz.\n");
            assertThat(findings(mail, ShortenerRule.ID)).extracting(ContentFinding::where)
                    .containsExactly("https://bit.ly/abc", "https://www.tinyurl.com/x", "https://t.co/xyz");
        }

        @Test
        void lookalikeHostsAndQueryStringsAreNotShorteners() {
            ContentMail mail = ContentMail.clean().html(html("<a href=\"https://notbit.ly.example.com/a\">a</a>"
                    + "<a href=\"https://www.example.com/?via=bit.ly\">b</a><a href=\"https://abit.ly/c\">c</a>"));
            assertThat(findings(mail, ShortenerRule.ID)).isEmpty();
        }

        @Test
        void linkTextShowingAnotherDomainFires() {
            ContentMail mail = ContentMail.clean().html(html("<a href=\"https://login.example.net/x\">www.paypal.com</a>"
                    + "<a href=\"https://other.co.uk/\">https://shop.example.co.uk/basket</a>"
                    + "<a href=\"https://example.com/\">Visit www.example.org today</a>"));
            assertThat(findings(mail, LinkMismatchRule.ID)).extracting(ContentFinding::explanation)
                    .anySatisfy(e -> assertThat(e).contains("shows paypal.com but goes to example.net"))
                    .anySatisfy(e -> assertThat(e).contains("shows example.co.uk but goes to other.co.uk"))
                    .anySatisfy(e -> assertThat(e).contains("shows example.org but goes to example.com"))
                    .hasSize(3);
        }

        @Test
        void sameRegistrableDomainWordsAndTrackingDomainsDoNotFire() {
            ContentMail mail = ContentMail.clean().html(html("<a href=\"https://click.example.com/r/1\">www.example.com</a>"
                    + "<a href=\"https://shop.example.co.uk/\">example.co.uk</a><a href=\"https://example.net/\">Our shop</a>"
                    + "<a href=\"mailto:help@example.net\">help@example.org</a><a href=\"https://example.com/x\">index.html</a>"));
            assertThat(findings(mail, LinkMismatchRule.ID)).isEmpty();
            ContentMail tracked = ContentMail.clean().html(html("<a href=\"https://t.mailer.example.net/c/1\">www.example.com</a>"));
            assertThat(findings(tracked, LinkMismatchRule.ID)).hasSize(1);
            assertThat(ContentCheck.standard().withTrackingDomains(List.of("mailer.example.net")).check(tracked.bytes())
                    .fired(LinkMismatchRule.ID)).isFalse();
        }

        @Test
        void registrableDomainsFollowThePublicSuffixes() {
            assertThat(DomainNames.registrable("news.bbc.co.uk")).isEqualTo("bbc.co.uk");
            assertThat(DomainNames.registrable("a.b.example.com")).isEqualTo("example.com");
            assertThat(DomainNames.registrable("example.com")).isEqualTo("example.com");
            assertThat(DomainNames.registrable("co.uk")).isEqualTo("co.uk");
            assertThat(DomainNames.registrable("192.0.2.1")).isEqualTo("192.0.2.1");
            assertThat(DomainNames.host("HTTPS://user@Www.Example.COM.:443/x?y")).isEqualTo("www.example.com");
            assertThat(DomainNames.host("/relative")).isNull();
        }
    }

    @Nested
    class Parts {
        @Test
        void htmlWithoutTextPartFires() {
            assertThat(findings(ContentMail.clean().text(null), TextPartRule.MISSING)).hasSize(1);
            assertThat(findings(ContentMail.clean(), TextPartRule.MISSING)).isEmpty();
            assertThat(findings(ContentMail.clean().html(null), TextPartRule.MISSING)).as("text only is fine").isEmpty();
        }

        @Test
        void aStubOrDifferentTextPartFires() {
            assertThat(findings(ContentMail.clean().text("View this email in your browser: https://www.example.com/v/1"),
                    TextPartRule.MISMATCH)).singleElement().satisfies(f -> assertThat(f.where()).contains("% of the HTML's words"));
            assertThat(findings(ContentMail.clean().text("Completely unrelated words about gardening tools, lawn mowers, "
                    + "hedge trimmers, seasonal planting schedules and compost."), TextPartRule.MISMATCH)).hasSize(1);
        }

        @Test
        void matchingPartsDoNotFireEvenWithDifferentLinkFormatting() {
            assertThat(findings(ContentMail.clean(), TextPartRule.MISMATCH)).isEmpty();
            assertThat(findings(ContentMail.clean().body("A new sentence in both parts."), TextPartRule.MISMATCH)).isEmpty();
        }
    }

    @Nested
    class Unsubscribe {
        static final String NO_UNSUB_TEXT = "Hello Ada, our spring list is out. " + ContentMail.ADDRESS;
        static final String NO_UNSUB_HTML = "<p>Hello Ada, our spring list is out.</p><p>" + ContentMail.ADDRESS + "</p>";

        @Test
        void noHeaderAndNoBodyLinkIsBlocking() {
            ContentReport r = check(ContentMail.clean().withHeaders().text(NO_UNSUB_TEXT).html(NO_UNSUB_HTML));
            assertThat(r.blocking()).extracting(ContentFinding::rule).containsExactly(UnsubscribeRule.MISSING);
            assertThat(r.toText()).contains("[blocking]").contains("Blocking: missing-unsubscribe");
        }

        @Test
        void aBodyLinkWithoutTheHeaderIsASmallerFinding() {
            ContentReport r = check(ContentMail.clean().withHeaders());
            assertThat(r.fired(UnsubscribeRule.NO_HEADER)).isTrue();
            assertThat(r.fired(UnsubscribeRule.MISSING)).isFalse();
            assertThat(r.blocking()).isEmpty();
            ContentReport german = check(ContentMail.clean().withHeaders().text(NO_UNSUB_TEXT)
                    .html(NO_UNSUB_HTML + "<a href=\"https://www.example.com/x\">Vom Newsletter abmelden</a>"));
            assertThat(german.fired(UnsubscribeRule.MISSING)).isFalse();
        }

        @Test
        void aHeaderWithoutOneClickIsASmallerFinding() {
            assertThat(check(ContentMail.clean().withHeaders("List-Unsubscribe: <https://www.example.com/u/abc>"))
                    .fired(UnsubscribeRule.NO_ONE_CLICK)).isTrue();
            assertThat(check(ContentMail.clean().withHeaders("List-Unsubscribe: <mailto:u@example.com>",
                    "List-Unsubscribe-Post: List-Unsubscribe=One-Click")).fired(UnsubscribeRule.NO_ONE_CLICK)).isTrue();
            ContentReport headerOnly = check(ContentMail.clean().text(NO_UNSUB_TEXT).html(NO_UNSUB_HTML));
            assertThat(headerOnly.findings()).isEmpty();
        }
    }

    @Nested
    class PostalAddress {
        static ContentMail withFooter(String footer) {
            return ContentMail.clean().text("Hello Ada, our spring list is out.\nUnsubscribe: https://www.example.com/u\n" + footer)
                    .html(null);
        }

        @Test
        void noAddressIsBlocking() {
            for (String footer : List.of("Example Books", "Save 20% on 3 books until 31 March.\n2025 Spring Collection",
                    "Call 555 0100 or write to us.", "Reply via email 24 hours a day")) {
                ContentReport r = CHECK.check(withFooter(footer).bytes());
                assertThat(r.blocking()).as(footer).extracting(ContentFinding::rule).containsExactly(PostalAddressRule.ID);
            }
        }

        @Test
        void addressesOfCommonCountriesAreRecognised() {
            for (String footer : List.of(
                    "Example Books, 1600 Amphitheatre Parkway, Mountain View, CA 94043",
                    "Example Books, 221B Baker Street, London",
                    "Example Ltd, 10 Downing St, London SW1A 2AA",
                    "Example Books, PO Box 1234, Springfield",
                    "Example Books, P.O. Box 77",
                    "Example Inc., Ottawa ON K1A 0B1",
                    "Example Pty Ltd, Sydney NSW 2000",
                    "Beispiel GmbH, Hauptstraße 5, Berlin",
                    "Beispiel GmbH\n10115 Berlin",
                    "Exemple SARL, 12 rue de la Paix, Paris",
                    "Voorbeeld BV, 1012 AB Amsterdam",
                    "Ejemplo SL, Calle Mayor 10, Madrid",
                    "Esempio Srl, Via Roma, 1, Milano",
                    "株式会社 〒100-0001 東京都")) {
                assertThat(CHECK.check(withFooter(footer).bytes()).fired(PostalAddressRule.ID)).as(footer).isFalse();
            }
        }

        @Test
        void anAddressInTheHtmlOnlyCounts() {
            ContentMail mail = ContentMail.clean().text(null).html("<p>Hi</p><p><a href=\"https://www.example.com/u\">Unsubscribe</a></p>"
                    + "<table><tr><td>Example Books</td></tr><tr><td>75002 Paris</td></tr></table>");
            assertThat(check(mail).fired(PostalAddressRule.ID)).isFalse();
        }
    }

    @Nested
    class Size {
        @Test
        void htmlOverGmailsClippingPointFires() {
            String filler = "<p>" + "spring reading list ".repeat(60) + "</p>\n";
            ContentMail big = ContentMail.clean().html(html(filler.repeat(110 * 1024 / filler.length() + 1)));
            assertThat(findings(big, SizeRule.CLIPPED)).singleElement()
                    .satisfies(f -> assertThat(f.where()).startsWith("text/html part: 11"));
            ContentMail fine = ContentMail.clean().html(html(filler.repeat(90 * 1024 / filler.length())));
            assertThat(findings(fine, SizeRule.CLIPPED)).isEmpty();
        }

        @Test
        void aHugeMessageFires() {
            String base64 = (Base64.getMimeEncoder().encodeToString(new byte[900 * 1024]) + "\n");
            assertThat(findings(ContentMail.clean().attachment(base64), SizeRule.HUGE)).singleElement()
                    .satisfies(f -> assertThat(f.where()).startsWith("whole message: 12"));
            String small = Base64.getMimeEncoder().encodeToString(new byte[100 * 1024]) + "\n";
            ContentReport r = check(ContentMail.clean().attachment(small));
            assertThat(r.findings()).as("the attachment is neither body text nor HTML").isEmpty();
        }
    }

    @Nested
    class Report {
        @Test
        void scoreIsTheSumOfPointsAndTheVerdictFollowsTheThresholds() {
            ContentReport atRisk = check(ContentMail.clean().withHeaders().subject("HUGE SPRING READING SALE!!!"));
            assertThat(atRisk.findings()).extracting(ContentFinding::rule).containsExactlyInAnyOrder(
                    SubjectCapsRule.ID, SubjectPunctuationRule.ID, UnsubscribeRule.NO_HEADER);
            assertThat(atRisk.score()).isEqualTo(3.5);
            assertThat(atRisk.verdict()).isEqualTo(ContentVerdict.AT_RISK);
            assertThat(atRisk.findings().getFirst().rule()).as("highest points first").isEqualTo(SubjectCapsRule.ID);

            ContentReport filtered = check(ContentMail.clean().withHeaders().subject("FREE MONEY, ACT NOW!!!")
                    .html("<img src=\"https://bit.ly/x.png\">").text(null));
            assertThat(filtered.score()).isGreaterThanOrEqualTo(ContentVerdict.FILTERED_FROM);
            assertThat(filtered.verdict()).isEqualTo(ContentVerdict.LIKELY_FILTERED);
            assertThat(filtered.blocking()).extracting(ContentFinding::rule)
                    .containsExactlyInAnyOrder(UnsubscribeRule.MISSING, PostalAddressRule.ID);
        }

        @Test
        void verdictBoundaries() {
            assertThat(ContentVerdict.of(2.4)).isEqualTo(ContentVerdict.LIKELY_FINE);
            assertThat(ContentVerdict.of(2.5)).isEqualTo(ContentVerdict.AT_RISK);
            assertThat(ContentVerdict.of(5.0)).isEqualTo(ContentVerdict.LIKELY_FILTERED);
            assertThat(ContentVerdict.AT_RISK.label()).isEqualTo("at risk");
        }

        @Test
        void textReportShowsPointsRulesExplanationsAndWhere() {
            String text = check(ContentMail.clean().subject("Act now for our spring list")).toText();
            assertThat(text).startsWith("Content check: 1.0 points, likely fine (at risk from 2.5, likely filtered from 5.0)\n");
            assertThat(text).contains("  +1.0 spam-phrase                The phrase \"act now\" is a spam trigger")
                    .contains("at: \"Act now\" in the subject");
            assertThat(text).doesNotContain("Blocking").doesNotContain("SpamAssassin");
        }

        @Test
        void bytesWithoutHeadersStillGetAReport() {
            ContentReport r = CHECK.check("just some words, no headers\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(r.findings()).extracting(ContentFinding::rule)
                    .contains(SubjectLengthRule.EMPTY, UnsubscribeRule.MISSING, PostalAddressRule.ID);
        }
    }
}
