package dev.homing.provider;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Provider detection from MX host names as the providers publish them. */
class ProviderTest {
    private static Provider of(String domain, String... mx) {
        return Provider.fromMx(domain, List.of(mx));
    }

    @Test
    void googleIsGmailOnGmailDomainsAndWorkspaceElsewhere() {
        assertThat(of("gmail.com", "gmail-smtp-in.l.google.com.", "alt1.gmail-smtp-in.l.google.com.")).isEqualTo(Provider.GMAIL);
        assertThat(of("googlemail.com", "gmail-smtp-in.l.google.com")).isEqualTo(Provider.GMAIL);
        assertThat(of("GMail.COM.", "GMAIL-SMTP-IN.L.GOOGLE.COM.")).as("case and trailing dots").isEqualTo(Provider.GMAIL);
        assertThat(of("example.org", "aspmx.l.google.com", "alt1.aspmx.l.google.com", "aspmx2.googlemail.com"))
                .isEqualTo(Provider.GOOGLE_WORKSPACE);
        assertThat(of("example.org", "smtp.google.com")).isEqualTo(Provider.GOOGLE_WORKSPACE);
        assertThat(Provider.GOOGLE_WORKSPACE.kind()).isEqualTo(Kind.BUSINESS_SUITE);
        assertThat(Provider.GMAIL.kind()).isEqualTo(Kind.CONSUMER_MAILBOX);
    }

    @Test
    void microsoftConsumerAndTenantsAreTold() {
        assertThat(of("hotmail.com", "hotmail-com.olc.protection.outlook.com")).isEqualTo(Provider.OUTLOOK_COM);
        assertThat(of("outlook.com", "outlook-com.olc.protection.outlook.com")).isEqualTo(Provider.OUTLOOK_COM);
        assertThat(of("live.co.uk", "eur.olc.protection.outlook.com")).isEqualTo(Provider.OUTLOOK_COM);
        assertThat(of("msn.com", "msn-com.mail.protection.outlook.com")).as("consumer domain wins").isEqualTo(Provider.OUTLOOK_COM);
        assertThat(of("contoso.com", "contoso-com.mail.protection.outlook.com")).isEqualTo(Provider.MICROSOFT_365);
        assertThat(of("agency.gov", "agency-gov.mail.protection.office365.us")).isEqualTo(Provider.MICROSOFT_365);
        assertThat(of("contoso.com", "contoso-com.b-v1.mx.microsoft")).isEqualTo(Provider.MICROSOFT_365);
    }

    @Test
    void yahooAndAolShareServers() {
        assertThat(of("yahoo.com", "mta5.am0.yahoodns.net", "mta6.am0.yahoodns.net")).isEqualTo(Provider.YAHOO);
        assertThat(of("yahoo.co.uk", "mx-eu.mail.am0.yahoodns.net")).isEqualTo(Provider.YAHOO);
        assertThat(of("aol.com", "mx-aol.mail.gm0.yahoodns.net")).isEqualTo(Provider.AOL);
        assertThat(of("verizon.net", "mx-aol.mail.gm0.yahoodns.net")).isEqualTo(Provider.AOL);
        assertThat(of("aim.com", "mta7.am0.yahoodns.net")).as("AOL domain on a Yahoo host").isEqualTo(Provider.AOL);
    }

    @Test
    void consumerMailboxes() {
        assertThat(of("icloud.com", "mx01.mail.icloud.com", "mx02.mail.icloud.com")).isEqualTo(Provider.ICLOUD);
        assertThat(of("me.com", "mx02.mail.icloud.com.")).isEqualTo(Provider.ICLOUD);
        assertThat(of("gmx.de", "mx00.emig.gmx.net", "mx01.emig.gmx.net")).isEqualTo(Provider.GMX);
        assertThat(of("gmx.at", "mx00.gmx.net")).isEqualTo(Provider.GMX);
        assertThat(of("web.de", "mx-ha03.web.de", "mx-ha02.web.de")).isEqualTo(Provider.WEB_DE);
        assertThat(of("yandex.ru", "mx.yandex.ru")).isEqualTo(Provider.YANDEX);
        assertThat(of("company.ru", "mx.yandex.net")).isEqualTo(Provider.YANDEX);
        assertThat(of("mail.ru", "mxs.mail.ru")).isEqualTo(Provider.MAIL_RU);
        assertThat(of("bk.ru", "emx.mail.ru")).isEqualTo(Provider.MAIL_RU);
        assertThat(of("fastmail.com", "in1-smtp.messagingengine.com", "in2-smtp.messagingengine.com")).isEqualTo(Provider.FASTMAIL);
        assertThat(of("proton.me", "mail.protonmail.ch", "mailsec.protonmail.ch")).isEqualTo(Provider.PROTON);
    }

    @Test
    void zohoInEveryRegion() {
        assertThat(of("zoho.com", "mx.zoho.com", "mx2.zoho.com", "mx3.zoho.com")).isEqualTo(Provider.ZOHO);
        assertThat(of("firma.de", "mx.zoho.eu")).isEqualTo(Provider.ZOHO);
        assertThat(of("company.in", "mx.zoho.in")).isEqualTo(Provider.ZOHO);
        assertThat(of("company.com.au", "mx.zoho.com.au")).isEqualTo(Provider.ZOHO);
        assertThat(Provider.ZOHO.kind()).isEqualTo(Kind.BUSINESS_SUITE);
    }

    @Test
    void corporateGateways() {
        assertThat(of("bank.co.uk", "eu-smtp-inbound-1.mimecast.com", "eu-smtp-inbound-2.mimecast.com")).isEqualTo(Provider.MIMECAST);
        assertThat(of("firm.co.za", "za-smtp-inbound-1.mimecast.co.za")).isEqualTo(Provider.MIMECAST);
        assertThat(of("bigcorp.com", "mx0a-00123401.pphosted.com", "mx0b-00123401.pphosted.com")).isEqualTo(Provider.PROOFPOINT);
        assertThat(of("smallfirm.com", "mx1-us1.ppe-hosted.com", "mx2-us1.ppe-hosted.com")).isEqualTo(Provider.PROOFPOINT);
        assertThat(of("school.edu", "d123456a.ess.barracudanetworks.com", "d123456b.ess.barracudanetworks.com")).isEqualTo(Provider.BARRACUDA);
        assertThat(of("maker.com", "mx1.hc1234-56.iphmx.com", "mx2.hc1234-56.iphmx.com")).isEqualTo(Provider.CISCO);
        assertThat(of("council.gov.uk", "cluster1.eu.messagelabs.com", "cluster1a.eu.messagelabs.com")).isEqualTo(Provider.BROADCOM);
        assertThat(of("shop.de", "mx-01-eu-central-1.prod.hydra.sophos.com")).isEqualTo(Provider.SOPHOS);
        assertThat(of("firma.eu", "firma-eu.in.tmes.trendmicro.eu")).isEqualTo(Provider.TREND_MICRO);
        assertThat(of("verein.de", "mx01.hornetsecurity.com")).isEqualTo(Provider.HORNETSECURITY);
        for (Provider p : List.of(Provider.MIMECAST, Provider.PROOFPOINT, Provider.BARRACUDA, Provider.CISCO)) {
            assertThat(p.kind()).isEqualTo(Kind.CORPORATE_GATEWAY);
        }
    }

    @Test
    void theFirstRecognisedHostInPreferenceOrderDecides() {
        // a gateway in front of Microsoft 365, with the tenant as a backup MX: mail meets the gateway
        assertThat(of("corp.com", "mx1.corp.com", "mx0a-001.pphosted.com", "corp-com.mail.protection.outlook.com"))
                .isEqualTo(Provider.PROOFPOINT);
        assertThat(of("corp.com", "corp-com.mail.protection.outlook.com", "mx0a-001.pphosted.com")).isEqualTo(Provider.MICROSOFT_365);
    }

    @Test
    void suffixesMatchOnLabelBoundariesOnly() {
        assertThat(of("gmail.com", "evilgoogle.com")).isEqualTo(Provider.OTHER);
        assertThat(of("gmail.com", "mx.evilgoogle.com")).isEqualTo(Provider.OTHER);
        assertThat(of("example.com", "aspmx.l.google.com.evil.test")).isEqualTo(Provider.OTHER);
        assertThat(of("example.com", "notmimecast.com")).isEqualTo(Provider.OTHER);
        assertThat(of("example.com", "mx.pphosted.com.attacker.test")).isEqualTo(Provider.OTHER);
        assertThat(of("example.com", "fakeiphmx.com")).isEqualTo(Provider.OTHER);
        assertThat(of("example.com", "mail.notweb.de")).isEqualTo(Provider.OTHER);
        assertThat(of("example.com", "xmail.ru")).isEqualTo(Provider.OTHER);
        assertThat(of("example.com", "mx.example.com")).isEqualTo(Provider.OTHER);
        assertThat(of("example.com", ".")).as("null MX").isEqualTo(Provider.OTHER);
        assertThat(of("example.com")).isEqualTo(Provider.OTHER);
        assertThat(Provider.OTHER.kind()).isEqualTo(Kind.OTHER);
    }

    @Test
    void slugsRoundTrip() {
        for (Provider p : Provider.values()) {
            assertThat(Provider.bySlug(p.slug())).contains(p);
            assertThat(p.slug()).matches("[a-z0-9-]+");
        }
        assertThat(Provider.GOOGLE_WORKSPACE.slug()).isEqualTo("google-workspace");
        assertThat(Provider.bySlug("Microsoft-365")).contains(Provider.MICROSOFT_365);
        assertThat(Provider.bySlug("nope")).isEmpty();
        assertThat(Provider.bySlug(null)).isEmpty();
    }
}
