package io.cocoatly.cli;

import io.cocoatly.config.Credentials;
import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import io.cocoatly.registry.http.RegistryLocations;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cocoatly login}: stores a registry's token, read from standard input, in {@code credentials.json}. */
@Command(name = "login", addMethodSubcommands = false, mixinStandardHelpOptions = true,
        description = {"Store the token of an http(s) registry.",
            "Reads the token from the first line of standard input (never from an argument, which other",
            "users can see in the process list) and keeps it in the home's credentials.json (owner only),",
            "keyed by the registry's base URL. $COCOATLY_REGISTRY_TOKEN, when set, is used before it."},
        footer = {"", "Examples:",
            "  cocoatly login --registry https://registry.example/team/ < token.txt",
            "  printenv TEAM_TOKEN | cocoatly login",
            "", "Exit codes: 0 stored, 2 invalid usage (no token, a registry that is not http(s)),",
            "4 credentials.json cannot be written. See docs/registry-protocol.md."})
final class LoginCommand implements Callable<Integer> {

    private final Context context;

    @Option(names = CommandSettings.REGISTRY_FLAG, paramLabel = "URL",
            description = "The registry (" + RegistryOptions.DEFAULT + ").")
    String registry;

    // Declared only to refuse it with a clear reason; its value is never read or printed.
    @Option(names = "--token", hidden = true, arity = "0..1")
    String token;

    @Option(names = "--json", description = "Print one JSON document {\"success\", \"data\", \"error\"}.")
    boolean json;

    LoginCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (token != null) {
            throw new CocoatlyException(ErrorKind.INVALID_INPUT, "usage", "`--token` is refused: a token given as an"
                    + " argument is visible to other users in the process list",
                    List.of("pass it on standard input, e.g. `printenv TEAM_TOKEN | cocoatly login`"));
        }
        CommandSettings settings = CommandSettings.load(context, "cocoatly login", context.path("cocoatly.json"), registry);
        URI base = remoteRegistry(settings, "cocoatly login");
        String secret = readToken();
        CommandSettings.bearer(base, secret);
        Credentials stored = Credentials.read(settings.home()).put(base.toString(), secret.strip());
        if (json) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("registry", base.toString());
            data.put("file", stored.file().toString());
            data.put("warnings", settings.warnings());
            Json.write(context.out(), Envelope.success(data));
        } else {
            settings.printWarnings(context);
            context.out().println("Logged in to " + base + ": the token is in " + stored.file());
            context.out().flush();
        }
        return ExitCodes.OK;
    }

    /** The base URL of the command's registry, which must be http(s). */
    static URI remoteRegistry(CommandSettings settings, String command) {
        String location = settings.registry().orElseThrow(() -> new CocoatlyException(ErrorKind.INVALID_INPUT, "usage",
                "no registry given: `" + command + "` needs `--registry URL` or a configured http(s) registry",
                List.of("pass `--registry https://...`")));
        if (!RegistryLocations.isRemote(location)) {
            throw new CocoatlyException(ErrorKind.INVALID_INPUT, "usage", "`" + command + "` is for http(s) registries,"
                    + " not `" + location + "`", List.of("a registry directory needs no token"));
        }
        return RegistryLocations.baseUrl(location);
    }

    private String readToken() {
        String line;
        try {
            line = new BufferedReader(new InputStreamReader(context.in(), StandardCharsets.UTF_8)).readLine();
        } catch (IOException e) {
            throw new CocoatlyException(ErrorKind.FAILED, "stdin-unreadable", "cannot read the token from standard input: "
                    + e.getMessage(), List.of(), e);
        }
        if (line == null || line.isBlank()) {
            throw new CocoatlyException(ErrorKind.INVALID_INPUT, "usage", "no token on standard input",
                    List.of("pass it on standard input, e.g. `printenv TEAM_TOKEN | cocoatly login --registry URL`"));
        }
        return line;
    }
}
