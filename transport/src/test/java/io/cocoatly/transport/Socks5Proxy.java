package io.cocoatly.transport;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A real SOCKS 5 proxy on loopback (RFC 1928: no authentication, CONNECT only) that relays bytes
 * and records each destination it was asked for. Anything else on the wire (an HTTP request, as a
 * client that mistakes it for an HTTP proxy sends) is recorded as a protocol error and dropped.
 */
final class Socks5Proxy extends LoopbackServer {

    private final List<String> destinations = Collections.synchronizedList(new ArrayList<>());
    private final List<String> errors = Collections.synchronizedList(new ArrayList<>());

    Socks5Proxy() throws IOException {
        super(plainSocket());
    }

    /** {@code host:port} of every CONNECT, the host as the client sent it (a name stays a name). */
    List<String> destinations() {
        synchronized (destinations) {
            return List.copyOf(destinations);
        }
    }

    /** What went wrong on connections that did not speak SOCKS 5. */
    List<String> errors() {
        synchronized (errors) {
            return List.copyOf(errors);
        }
    }

    @Override
    void serve(Socket client) throws IOException {
        DataInputStream in = new DataInputStream(client.getInputStream());
        OutputStream out = client.getOutputStream();
        int version = in.read();
        if (version != 5) {
            errors.add("not SOCKS 5: first byte " + version);
            return;
        }
        byte[] methods = in.readNBytes(in.readUnsignedByte());
        if (!contains(methods, 0)) {
            out.write(new byte[] {5, (byte) 0xFF});
            errors.add("client offers no 'no authentication' method");
            return;
        }
        out.write(new byte[] {5, 0});
        byte[] head = in.readNBytes(4);
        if (head.length < 4 || head[0] != 5 || head[1] != 1) {
            reply(out, 7);
            errors.add("not a CONNECT request");
            return;
        }
        String host = switch (head[3]) {
            case 1 -> ipv4(in.readNBytes(4));
            case 3 -> new String(in.readNBytes(in.readUnsignedByte()), StandardCharsets.US_ASCII);
            case 4 -> "[" + java.net.InetAddress.getByAddress(in.readNBytes(16)).getHostAddress() + "]";
            default -> null;
        };
        int port = in.readUnsignedShort();
        if (host == null) {
            reply(out, 8);
            errors.add("unknown address type " + head[3]);
            return;
        }
        destinations.add(host + ":" + port);
        Socket target;
        try {
            target = connectLoopback(host, port);
        } catch (IOException e) {
            reply(out, 2);
            errors.add(e.getMessage());
            return;
        }
        reply(out, 0);
        Relay.both(client, in, target, pool);
    }

    /** A reply with {@code code} (0 = succeeded) and a zero bound address, which clients ignore. */
    private static void reply(OutputStream out, int code) throws IOException {
        out.write(new byte[] {5, (byte) code, 0, 1, 0, 0, 0, 0, 0, 0});
        out.flush();
    }

    private static String ipv4(byte[] b) {
        return (b[0] & 0xFF) + "." + (b[1] & 0xFF) + "." + (b[2] & 0xFF) + "." + (b[3] & 0xFF);
    }

    private static boolean contains(byte[] methods, int method) {
        for (byte m : methods) {
            if (m == method) {
                return true;
            }
        }
        return false;
    }
}
