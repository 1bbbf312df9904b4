package io.cocoatly.cli;

import io.cocoatly.registry.server.RegistryBackend;
import picocli.CommandLine.Option;

/** Where the admin commands find a served registry: {@code --registry DIR} or {@code --db URL|embedded}, one of them. */
final class ServedRegistryOptions {

    @Option(names = "--registry", paramLabel = "DIR", description = "The registry directory (or --db).")
    String registry;

    @Option(names = "--db", paramLabel = "URL",
            description = "Or the registry's PostgreSQL database: postgresql://… as the server role, or `embedded`.")
    String db;

    /** The registry's backend; a database is closed at the end of the run. */
    RegistryBackend backend(Context context, String command) {
        return RegistryBackends.open(context, command, registry, db);
    }

    /** The option as typed, for advice that repeats it: {@code --registry DIR} or {@code --db URL}. */
    String asTyped() {
        return registry != null ? "--registry " + registry : "--db " + db;
    }
}
