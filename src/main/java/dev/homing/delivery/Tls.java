package dev.homing.delivery;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;

/**
 * TLS for MX connections. Without DANE or MTA-STS there is no name to check an MX certificate
 * against (most do not match the recipient domain), so both opportunistic and required TLS
 * encrypt without authenticating, as Postfix's "may" and "encrypt" levels do.
 */
final class Tls {
    private Tls() {
    }

    static SSLSocketFactory unverified() {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[]{new AcceptAny()}, null);
            return ctx.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS in this JDK: " + e.getMessage(), e);
        }
    }

    private static final class AcceptAny implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            // never a server
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // see the class comment: nothing to verify against
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
