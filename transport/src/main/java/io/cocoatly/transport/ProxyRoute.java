package io.cocoatly.transport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import javax.net.SocketFactory;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import okhttp3.OkHttpClient;

/**
 * Points an OkHttp client at {@code network.proxy}. Each scheme means what curl means by it:
 * <ul>
 *   <li>{@code http://host:port}: an HTTP proxy, sent absolute-URI requests for {@code http} URLs and
 *       {@code CONNECT} for {@code https} ones;</li>
 *   <li>{@code https://host:port}: the same HTTP proxy, but reached over TLS, its certificate checked
 *       against its host name like any server's;</li>
 *   <li>{@code socks5://host:port}: a SOCKS 5 proxy ({@link Proxy.Type#SOCKS}); the target host name
 *       is sent to the proxy unresolved, so the proxy does the DNS lookup.</li>
 * </ul>
 * The proxy's own address is left unresolved too: it is looked up per connection, not once at startup.
 */
final class ProxyRoute {

    private ProxyRoute() {
    }

    static void apply(OkHttpClient.Builder builder, Optional<URI> proxy, TlsSetup tls) {
        if (proxy.isEmpty()) {
            return;
        }
        URI p = proxy.get();
        InetSocketAddress address = InetSocketAddress.createUnresolved(p.getHost(), p.getPort());
        switch (p.getScheme().toLowerCase(Locale.ROOT)) {
            case "http" -> builder.proxy(new Proxy(Proxy.Type.HTTP, address));
            case "https" -> builder.proxy(new Proxy(Proxy.Type.HTTP, address))
                    // With a proxy every connection goes to it, so this factory only ever makes the
                    // TLS sockets to the proxy; TLS to an https origin is layered inside by OkHttp.
                    .socketFactory(new TlsToProxy(tls.socketFactory()));
            case "socks5" -> builder.proxy(new Proxy(Proxy.Type.SOCKS, address));
            default -> throw new AssertionError("TransportOptions admitted proxy " + p);
        }
    }

    /**
     * Makes unconnected TLS sockets that verify the proxy's certificate against its host name. A plain
     * {@link SocketFactory}, not an {@link SSLSocketFactory}, because OkHttp refuses the latter here.
     */
    private static final class TlsToProxy extends SocketFactory {

        private final SSLSocketFactory tls;

        TlsToProxy(SSLSocketFactory tls) {
            this.tls = tls;
        }

        @Override
        public Socket createSocket() throws IOException {
            return verifying((SSLSocket) tls.createSocket());
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return verifying((SSLSocket) tls.createSocket(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return verifying((SSLSocket) tls.createSocket(host, port, localHost, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return verifying((SSLSocket) tls.createSocket(host, port));
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                throws IOException {
            return verifying((SSLSocket) tls.createSocket(address, port, localAddress, localPort));
        }

        /** JSSE checks only the chain unless asked; "HTTPS" adds the RFC 2818 host name check. */
        private static SSLSocket verifying(SSLSocket socket) {
            SSLParameters params = socket.getSSLParameters();
            params.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(params);
            return socket;
        }
    }
}
