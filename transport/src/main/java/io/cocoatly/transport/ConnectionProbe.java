package io.cocoatly.transport;

import java.net.InetSocketAddress;
import java.net.Proxy;
import okhttp3.Call;
import okhttp3.Connection;
import okhttp3.EventListener;
import okhttp3.Response;

/**
 * Watches one OkHttp call to tell a stale pooled connection from a real failure: the call got a
 * connection without connecting (so it came from the pool) and failed before any response header
 * arrived. That is what a server that already closed the idle connection looks like, and the
 * request never reached it, so sending it again on a new connection is safe for a GET.
 */
final class ConnectionProbe extends EventListener {

    private volatile boolean connected;
    private volatile boolean acquired;
    private volatile boolean answered;
    private volatile boolean sent;

    @Override
    public void connectStart(Call call, InetSocketAddress address, Proxy proxy) {
        connected = true;
    }

    @Override
    public void connectionAcquired(Call call, Connection connection) {
        acquired = true;
    }

    @Override
    public void requestHeadersStart(Call call) {
        sent = true;
    }

    @Override
    public void responseHeadersEnd(Call call, Response response) {
        answered = true;
    }

    /** True if the failure happened on a pooled connection before the server answered. */
    boolean staleConnection() {
        return acquired && !connected && !answered;
    }

    /**
     * True once the request began to be written: from then on the server may have received it, so a
     * request that must not be sent twice is not retried ({@link ApiSender}).
     */
    boolean requestSent() {
        return sent;
    }
}
