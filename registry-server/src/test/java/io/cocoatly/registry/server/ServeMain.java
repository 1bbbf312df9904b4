package io.cocoatly.registry.server;

import java.nio.file.Path;

/**
 * A registry server in a JVM of its own, for tests that kill it: serves {@code args[0]} on
 * 127.0.0.1 and prints its URL, then runs until it is killed.
 */
public final class ServeMain {

    private ServeMain() {
    }

    /** Serves the registry directory {@code args[0]}. */
    public static void main(String[] args) throws InterruptedException {
        RegistryServer server = RegistryServer.start(Path.of(args[0]), ServerOptions.defaults(), AccessLog.NONE);
        System.out.println(server.url());
        System.out.flush();
        Thread.currentThread().join();
    }
}
