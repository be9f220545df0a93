package dev.homing.list;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class ProviderTyposTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "gmial.com, gmail.com",
            "gmal.com, gmail.com",
            "gmaill.com, gmail.com",
            "gmail.con, gmail.com",
            "gmail.co, gmail.com",
            "gmail.cm, gmail.com",
            "GMIAL.COM, gmail.com",
            "gmial.con, gmail.com",
            "hotmial.com, hotmail.com",
            "hotmal.com, hotmail.com",
            "homtail.com, hotmail.com",
            "yaho.com, yahoo.com",
            "yahooo.com, yahoo.com",
            "yahoo.co, yahoo.com",
            "yahoo.com.uk, yahoo.co.uk",
            "yahho.fr, yahoo.fr",
            "outlok.com, outlook.com",
            "outloook.com, outlook.com",
            "aol.con, aol.com",
            "icloud.co, icloud.com",
            "iclod.com, icloud.com",
            "googlemial.com, googlemail.com",
            "comcats.net, comcast.net",
            "orage.fr, orange.fr",
    })
    void flagsLikelyTyposOfProviders(String domain, String provider) {
        assertThat(ProviderTypos.providerFor(domain)).contains(provider);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "gmail.com", "googlemail.com", "yahoo.co.uk", "hotmail.fr", "gmx.de", "web.de", // providers themselves
            "mail.com", "email.com", "ymail.com", "gmx.com",                                 // real, one edit from a provider
            "mit.edu", "example.com", "acme.co.uk", "company.de",                           // clearly different
            "aon.com", "msm.com", "mx.com",                                                  // one letter from a short name
            "hotmail.es", "hotmail.co.jp", "yahoo.com.ar", "gmx.ch", "live.be",              // real country domains
            "mail.gmail.com", "gmail.com.example",                                           // another host or domain
            "[192.0.2.1]"})
    void leavesOtherDomainsAlone(String domain) {
        assertThat(ProviderTypos.providerFor(domain)).isEmpty();
    }

    @Test
    void everyProviderIsLowerCaseAsciiAndListedOnce() {
        assertThat(ProviderTypos.PROVIDERS).doesNotHaveDuplicates()
                .allSatisfy(d -> assertThat(d).matches("[a-z0-9.-]+\\.[a-z]{2,}"));
    }
}
