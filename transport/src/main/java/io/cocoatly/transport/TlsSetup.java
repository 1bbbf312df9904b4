package io.cocoatly.transport;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The TLS trust used for servers and for an {@code https://} proxy: the JDK's default trust store,
 * or (in tests) a context that trusts a certificate made for loopback.
 */
record TlsSetup(SSLSocketFactory socketFactory, X509TrustManager trustManager) {

    TlsSetup {
        Objects.requireNonNull(socketFactory, "socketFactory");
        Objects.requireNonNull(trustManager, "trustManager");
    }

    /** The JDK's default trust store, as OkHttp would use on its own. */
    static TlsSetup system() {
        try {
            TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            f.init((KeyStore) null);
            return of(f.getTrustManagers());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no usable default trust store", e);
        }
    }

    /** A client context that trusts what {@code trustManagers} trust. */
    static TlsSetup of(TrustManager[] trustManagers) {
        X509TrustManager x509 = Arrays.stream(trustManagers).filter(X509TrustManager.class::isInstance)
                .map(X509TrustManager.class::cast).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no X509TrustManager among " + Arrays.toString(trustManagers)));
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {x509}, null);
            return new TlsSetup(context.getSocketFactory(), x509);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS is not available", e);
        }
    }
}
