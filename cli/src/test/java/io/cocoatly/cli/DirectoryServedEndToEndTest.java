package io.cocoatly.cli;

import io.cocoatly.registry.server.AccessLog;
import io.cocoatly.registry.server.RegistryServer;
import io.cocoatly.registry.server.ServerOptions;
import java.util.List;

/** {@link ServedRegistryEndToEndTest} against a registry directory served by {@code registry serve DIR}. */
class DirectoryServedEndToEndTest extends ServedRegistryEndToEndTest {

    @Override
    void createRegistry() {
        assertOk(run(false, "registry", "init", "reg", "--name", "team"));
    }

    @Override
    List<String> registryOption() {
        return List.of("--registry", "reg");
    }

    @Override
    RegistryServer startServer() {
        return RegistryServer.start(dir.resolve("reg"), ServerOptions.defaults().withPort(0), AccessLog.NONE);
    }
}
