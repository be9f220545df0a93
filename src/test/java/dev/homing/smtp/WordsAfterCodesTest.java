package dev.homing.smtp;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Quoting a server's words beside the code already shown: "550 5.1.1 \"550 5.1.1 ...\"" and "250 2.0.0 \"2.0.0 Ok\"" repeated it. */
class WordsAfterCodesTest {
    @Test
    void leadingCodesAndStatusesGoTheWordsStay() {
        assertThat(Reply.wordsAfterCodes("550 5.1.1 <a@x.example>: Recipient address rejected: User unknown"))
                .isEqualTo("<a@x.example>: Recipient address rejected: User unknown");
        assertThat(Reply.wordsAfterCodes("2.0.0 Ok: queued as 9F1E4")).isEqualTo("Ok: queued as 9F1E4");
        assertThat(Reply.wordsAfterCodes("550-5.7.1 first line")).isEqualTo("first line");
        assertThat(Reply.wordsAfterCodes("4.2.2 Mailbox full 4.2.2 more")).isEqualTo("Mailbox full 4.2.2 more");
        assertThat(Reply.wordsAfterCodes("Greylisted, see 450 later")).as("codes inside the words stay").isEqualTo("Greylisted, see 450 later");
        assertThat(Reply.wordsAfterCodes("5.1.1")).as("nothing but a status: kept").isEqualTo("5.1.1");
        assertThat(Reply.wordsAfterCodes(null)).isEmpty();
    }
}
