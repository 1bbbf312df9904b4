package io.cocoatly.registry.server;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link RegistryServer} listens and answers.
 *
 * @param bindAddress  the address to listen on, e.g. {@code 127.0.0.1} (the default: nothing outside
 *                     this machine reaches it unless asked for)
 * @param port         the port; 0 picks a free one ({@link RegistryServer#url()} tells which)
 * @param indexMaxAge  the {@code max-age} of {@code registry.json}, {@code names.json} and index files
 * @param maxBodyBytes the largest request body accepted (a publish's metadata and archive together);
 *                     larger is refused with 413
 * @param maxThreads   the most request threads
 */
public record ServerOptions(String bindAddress, int port, Duration indexMaxAge, long maxBodyBytes, int maxThreads) {

    /** The defaults: 127.0.0.1, a free port, 60 s, 64 MiB, 200 threads. */
    public static ServerOptions defaults() {
        return new ServerOptions("127.0.0.1", 0, Duration.ofSeconds(60), 64L << 20, 200);
    }

    /** Checks the ranges. */
    public ServerOptions {
        Objects.requireNonNull(bindAddress, "bindAddress");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (indexMaxAge.isNegative()) {
            throw new IllegalArgumentException("negative max-age: " + indexMaxAge);
        }
        if (maxBodyBytes < 1 || maxThreads < 8) {
            throw new IllegalArgumentException("maxBodyBytes must be positive and maxThreads at least 8");
        }
    }

    /** These options listening on {@code address}. */
    public ServerOptions withBind(String address) {
        return new ServerOptions(address, port, indexMaxAge, maxBodyBytes, maxThreads);
    }

    /** These options on {@code port}. */
    public ServerOptions withPort(int port) {
        return new ServerOptions(bindAddress, port, indexMaxAge, maxBodyBytes, maxThreads);
    }

    /** These options with index files cached for {@code maxAge}. */
    public ServerOptions withIndexMaxAge(Duration maxAge) {
        return new ServerOptions(bindAddress, port, maxAge, maxBodyBytes, maxThreads);
    }

    /** These options refusing bodies over {@code bytes}. */
    public ServerOptions withMaxBodyBytes(long bytes) {
        return new ServerOptions(bindAddress, port, indexMaxAge, bytes, maxThreads);
    }
}
