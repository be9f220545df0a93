package dev.homing.list;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The syntax entry point: RFC 5321/5322 forms that pass, forms that fail with a reason, and the limits. */
class AddressTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "ann@example.com                | example.com",
            "  Ann.Lee+news@Example.COM     | example.com",
            "\"john doe\"@example.com         | example.com",
            "\"a@b\"@example.com              | example.com",
            "\"a\\\"b\"@example.com             | example.com",
            "user@[192.0.2.1]               | [192.0.2.1]",
            "user@[IPv6:2001:db8::1]        | [ipv6:2001:db8::1]",
            "josé@example.com               | example.com",
            "用户@例子.测试                   | xn--fsqu00a.xn--0zwm56d",
            "ann@bücher.example             | xn--bcher-kva.example",
            "ann@xn--bcher-kva.example      | xn--bcher-kva.example",
    })
    void valid(String input, String domain) {
        Address.Checked c = Address.check(input);
        assertThat(c).isInstanceOf(Address.Valid.class);
        assertThat(((Address.Valid) c).domain()).isEqualTo(domain);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "''                        | empty address",
            "plainaddress              | no @",
            "a@b@example.com           | more than one @",
            "a..b@example.com          | two dots in a row",
            ".a@example.com            | starts with a dot",
            "a b@example.com           | space",
            "ann@example               | no top-level domain",
            "ann@192.0.2.1             | must be written in brackets",
            "user@[300.1.1.1]          | bracketed IP address",
            "user@[IPv6:zz::1]         | bracketed IP address",
            "user@[192.0.2.1           | bracketed IP address",
            "\"\"@example.com            | local part is empty",
            "ann(comment)@example.com  | comment",
            "ann@(comment)example.com  | comment",
            "@example.com              | not a valid address",
    })
    void invalidWithAReason(String input, String reason) {
        Address.Checked c = Address.check(input);
        assertThat(c).isInstanceOf(Address.Invalid.class);
        assertThat(((Address.Invalid) c).reason()).contains(reason);
    }

    @Test
    void nullIsAnEmptyAddressNotAnException() {
        assertThat(Address.check(null)).isEqualTo(new Address.Invalid("", "empty address"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\u0000b@example.com", "ann@exam\tple.com", "a\u0085@example.com", "\uD800@example.com"})
    void controlCharactersAndBrokenUtf16AreRefused(String input) {
        assertThat(reason(input)).containsAnyOf("control character", "broken character");
    }

    @Test
    void supplementaryCharactersAreFine() {
        assertThat(Address.check("\uD83D\uDE00@example.com")).isInstanceOf(Address.Valid.class);
    }

    @Test
    void localPartLimitIs64Octets() {
        assertThat(Address.check("a".repeat(64) + "@example.com")).isInstanceOf(Address.Valid.class);
        assertThat(reason("a".repeat(65) + "@example.com")).contains("64 octets");
        // 33 two-octet characters: 33 characters but 66 octets on the wire
        assertThat(Address.check("é".repeat(32) + "@example.com")).isInstanceOf(Address.Valid.class);
        assertThat(reason("é".repeat(33) + "@example.com")).contains("64 octets");
    }

    @Test
    void addressLimitIs254Octets() {
        String domain = "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(63) + ".com"; // 195
        String fits = "a".repeat(254 - 1 - domain.length()) + "@" + domain;
        assertThat(fits).hasSize(254);
        assertThat(Address.check(fits)).isInstanceOf(Address.Valid.class);
        assertThat(reason("a" + fits)).contains("254");
    }

    @Test
    void limitsCountThePunycodeFormOfTheDomain() {
        // 97 characters as typed, 295 octets in punycode: over the domain limit as DNS sees it
        String label = "例子测试广告中文域名长度检查";
        String input = "a@" + String.join(".", label, label, label, label, label, label) + ".example";
        assertThat(input.length()).isLessThan(100);
        assertThat(reason(input)).contains("domain longer than 255 octets");
    }

    @Test
    void labelLongerThan63IsRefused() {
        assertThat(reason("a@" + "x".repeat(64) + ".com")).contains("63");
    }

    @ParameterizedTest
    @ValueSource(strings = {"josé@example.com", "用户@example.com"})
    void utf8LocalPartsNeedSmtpUtf8(String input) {
        assertThat(Address.needsSmtpUtf8((Address.Valid) Address.check(input))).isTrue();
    }

    @Test
    void asciiLocalPartWithIdnDomainDoesNotNeedSmtpUtf8() {
        assertThat(Address.needsSmtpUtf8((Address.Valid) Address.check("ann@bücher.example"))).isFalse();
    }

    private static String reason(String input) {
        Address.Checked c = Address.check(input);
        assertThat(c).as(input).isInstanceOf(Address.Invalid.class);
        return ((Address.Invalid) c).reason();
    }
}
