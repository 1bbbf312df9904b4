package io.cocoatly.cli;

import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --db} and {@code --artifacts} of the commands that work on a whole database registry ({@code import}, {@code export}). */
final class DatabaseRegistryOptions {

    @Option(names = "--db", required = true, paramLabel = "URL",
            description = "The database registry: postgresql://… as the server role, or `embedded`.")
    String db;

    @Option(names = "--artifacts", paramLabel = "URI",
            description = "Where the registry's archives are kept: file:/DIR or s3://BUCKET[/PREFIX]?endpoint=…&region=… "
                    + "(default: the home's registry-artifacts/, as `registry serve --db` uses).")
    String artifacts;

    /** Opens the registry; the caller closes it. */
    DatabaseRegistry open(Context context, String command) {
        return RegistryBackends.openDatabase(context, command, db, Optional.empty(), Optional.ofNullable(artifacts), true);
    }
}
