package dev.homing.inbound;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** RFC 2047 encoded words in the header values the rules read (a report's Subject), and the broken ones met in the wild. */
class EncodedWordsTest {

    @Test
    void base64AndQEncodedWordsAreDecodedAndTheSpaceBetweenAdjacentWordsGoes() {
        assertThat(EncodedWords.decode("=?utf-8?B?VW5kZWxpdmVyYWJsZQ==?= =?ISO-8859-1?Q?:_Pr=FCfung?=")).isEqualTo("Undeliverable: Prüfung");
        assertThat(EncodedWords.decode("plain subject")).isEqualTo("plain subject");
        assertThat(EncodedWords.decode(null)).isNull();
    }

    /**
     * An "=" not followed by two hexadecimal digits in a Q-encoded word (a damaged or hand-made subject) is kept as it
     * stands, as many decoders do, and the text after it is decoded as usual: the word is never lost nor an exception.
     */
    @Test
    void aQEncodedWordWithABrokenEscapeKeepsTheEqualsSignAndTheRest() {
        assertThat(EncodedWords.decode("=?utf-8?Q?Mailbox=zzfull?=")).isEqualTo("Mailbox=zzfull");
        assertThat(EncodedWords.decode("=?utf-8?Q?=zz=zz=zz?=")).isEqualTo("=zz=zz=zz");
        assertThat(EncodedWords.decode("=?utf-8?Q?quota=2Bexceeded=?=")).isEqualTo("quota+exceeded=");
    }
}
