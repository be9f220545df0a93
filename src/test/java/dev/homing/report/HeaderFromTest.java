package dev.homing.report;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The From a 'send' message's recipients see, for the safelist advice: its header, not the envelope sender. */
class HeaderFromTest {
    @Test
    void theFromHeaderIsReadWithItsDisplayNameAndFolding() {
        assertThat(Reports.headerFrom("Subject: x\nFrom: \"Ann, News\" <ann@news.example>\n\nbody")).isEqualTo("ann@news.example");
        assertThat(Reports.headerFrom("from:\r\n  Ann <ann@news.example> (the team)\r\nTo: b@c.example\r\n\r\nhi")).isEqualTo("ann@news.example");
        assertThat(Reports.headerFrom("From: ann@news.example\n\n")).isEqualTo("ann@news.example");
        assertThat(Reports.headerFrom("Subject: x\n\nFrom: body@not.header\n")).as("a From line in the body is not the header").isNull();
        assertThat(Reports.headerFrom("From: undisclosed\n\n")).isNull();
        assertThat(Reports.headerFrom(null)).isNull();
    }
}
