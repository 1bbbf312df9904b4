package io.cocoatly.transport;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate for 127.0.0.1 (IP subject alternative name), made by the JDK's own
 * {@code keytool}, with a server context that presents it and a client trust that accepts only it.
 */
final class LoopbackTls {

    private static final String ALIAS = "loopback";
    private static final char[] PASSWORD = "loopback-test".toCharArray();

    private final SSLContext server;
    private final TlsSetup clientTrust;

    private LoopbackTls(SSLContext server, TlsSetup clientTrust) {
        this.server = server;
        this.clientTrust = clientTrust;
    }

    /** Generates the key pair and certificate into {@code dir}. */
    static LoopbackTls create(Path dir) throws IOException, InterruptedException, GeneralSecurityException {
        Path store = dir.resolve("loopback.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", ALIAS, "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", new String(PASSWORD),
                "-keypass", new String(PASSWORD)).redirectErrorStream(true).start();
        String output;
        try (InputStream out = p.getInputStream()) {
            output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0 || !Files.isRegularFile(store)) {
            throw new IOException("keytool failed: " + output);
        }
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, PASSWORD);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, PASSWORD);
        SSLContext server = SSLContext.getInstance("TLS");
        server.init(kmf.getKeyManagers(), null, null);

        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        trusted.setCertificateEntry(ALIAS, keys.getCertificate(ALIAS));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trusted);
        return new LoopbackTls(server, TlsSetup.of(tmf.getTrustManagers()));
    }

    /** A TLS server socket on 127.0.0.1 presenting the certificate. */
    ServerSocket serverSocket() throws IOException {
        return server.getServerSocketFactory().createServerSocket(0, 50, LoopbackServer.LOOPBACK);
    }

    /** For MockWebServer's {@code useHttps}: wraps accepted sockets in server-side TLS. */
    SSLSocketFactory serverSocketFactory() {
        return server.getSocketFactory();
    }

    /** A client trust that accepts this certificate and nothing else. */
    TlsSetup clientTrust() {
        return clientTrust;
    }
}
