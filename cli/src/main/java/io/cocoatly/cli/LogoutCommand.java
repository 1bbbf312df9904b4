package io.cocoatly.cli;

import io.cocoatly.config.Credentials;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cocoatly logout}: removes a registry's token from {@code credentials.json}. */
@Command(name = "logout", addMethodSubcommands = false, mixinStandardHelpOptions = true,
        description = {"Remove the stored token of an http(s) registry from the home's credentials.json.",
            "$COCOATLY_REGISTRY_TOKEN, if set, is not affected."},
        footer = {"", "Examples:",
            "  cocoatly logout --registry https://registry.example/team/",
            "", "Exit codes: 0 removed or none was stored, 2 invalid usage, 4 credentials.json cannot be written."})
final class LogoutCommand implements Callable<Integer> {

    private final Context context;

    @Option(names = CommandSettings.REGISTRY_FLAG, paramLabel = "URL",
            description = "The registry (" + RegistryOptions.DEFAULT + ").")
    String registry;

    @Option(names = "--json", description = "Print one JSON document {\"success\", \"data\", \"error\"}.")
    boolean json;

    LogoutCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        CommandSettings settings = CommandSettings.load(context, "cocoatly logout", context.path("cocoatly.json"), registry);
        URI base = LoginCommand.remoteRegistry(settings, "cocoatly logout");
        Credentials before = Credentials.read(settings.home());
        boolean had = before.token(base.toString()).isPresent();
        before.remove(base.toString());
        if (json) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("registry", base.toString());
            data.put("removed", had);
            data.put("warnings", settings.warnings());
            Json.write(context.out(), Envelope.success(data));
        } else {
            settings.printWarnings(context);
            context.out().println(had ? "Logged out of " + base : "No token was stored for " + base);
            context.out().flush();
        }
        return ExitCodes.OK;
    }
}
