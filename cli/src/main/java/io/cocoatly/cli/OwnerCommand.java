package io.cocoatly.cli;

import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import io.cocoatly.model.PackageName;
import io.cocoatly.registry.http.RegistryApi;
import io.cocoatly.registry.http.RegistryLocations;
import io.cocoatly.transport.Transport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cocoatly owner}: list, add and remove the owners of a package on a registry server (cargo's {@code owner}). */
@Command(name = "owner", addMethodSubcommands = false, mixinStandardHelpOptions = true,
        description = {
            "List, add or remove the owners of a package on a registry server.",
            "Owners may publish new versions of the package, yank them and change its owners; the first",
            "publisher is its first owner. Without --add or --remove, lists them. Goes through the API of an",
            "http(s) registry (registry serve), with the token of `cocoatly login` or $COCOATLY_REGISTRY_TOKEN",
            "(scope change-owners, held by an owner). Only users the server knows can be added, and the last",
            "owner cannot be removed."},
        footer = {"",
            "Examples:",
            "  cocoatly owner http --registry https://registry.example/team/",
            "  cocoatly owner http --add bob --registry https://registry.example/team/",
            "  cocoatly owner http --remove alice,carol --registry https://registry.example/team/ --json",
            "",
            "Exit codes: 0 listed or changed, 2 invalid usage (e.g. a registry directory), 4 the server refused",
            "(not an owner, an unknown user, the last owner) or cannot be reached.",
            "See docs/registry-server.md."})
final class OwnerCommand implements Callable<Integer> {

    private final Context context;

    @Parameters(index = "0", paramLabel = "NAME", description = "The package.")
    String name;

    @Option(names = "--add", paramLabel = "LOGIN", split = ",", description = "Make these users owners too (repeatable).")
    List<String> add = new ArrayList<>();

    @Option(names = "--remove", paramLabel = "LOGIN", split = ",", description = "Remove these owners (repeatable).")
    List<String> remove = new ArrayList<>();

    @Option(names = "--registry", paramLabel = "URL",
            description = "The http(s) URL of a registry with an API, as `cocoatly registry serve` gives (default: the"
                    + " configured registry, as for every command).")
    String registry;

    @Option(names = "--json", description = "Print the JSON envelope: data = {\"name\", \"owners\", \"added\", \"removed\"}.")
    boolean json;

    OwnerCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        PackageName pkg = PackageName.of(name);
        CommandSettings settings = CommandSettings.load(context, "cocoatly owner", ManifestLocator.locate(context, null),
                registry);
        registry = registry != null ? registry : settings.requireRegistry();
        if (!RegistryLocations.isRemote(registry)) {
            throw new CocoatlyException(ErrorKind.INVALID_INPUT, "usage", "`cocoatly owner` asks a registry server, and `"
                    + registry + "` is a directory: the owners of a registry's packages are kept by the server",
                    List.of("serve it with `cocoatly registry serve " + registry + "` and pass the URL it prints"));
        }
        List<String> owners;
        try (Transport transport = RegistryApiAccess.transport(settings)) {
            RegistryApi api = RegistryApiAccess.require(settings, transport, registry, "cocoatly owner");
            if (!add.isEmpty()) {
                change(() -> api.addOwners(pkg, add), "api-bad-request", "only users registered with the server can be"
                        + " owners: its admin adds them with `cocoatly registry user add LOGIN --key FILE.pub`");
            }
            if (!remove.isEmpty()) {
                change(() -> api.removeOwners(pkg, remove), "registry-conflict", "a package keeps at least one owner:"
                        + " add the new owner with --add first");
            }
            owners = api.owners(pkg);
        }
        if (json) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("name", pkg.value());
            data.put("owners", owners);
            data.put("added", add);
            data.put("removed", remove);
            Json.write(context.out(), Envelope.success(data));
        } else {
            for (String login : add) {
                context.out().println("added " + login + " as an owner of `" + pkg + "`");
            }
            for (String login : remove) {
                context.out().println("removed " + login + " from the owners of `" + pkg + "`");
            }
            if (add.isEmpty() && remove.isEmpty()) {
                owners.forEach(context.out()::println);
            } else {
                context.out().println("owners: " + String.join(", ", owners));
            }
            context.out().flush();
        }
        return ExitCodes.OK;
    }

    /** Runs {@code change}; the server's refusal with {@code code} gets {@code hint}, which says what to do here. */
    private static void change(Runnable change, String code, String hint) {
        try {
            change.run();
        } catch (CocoatlyException e) {
            if (!e.code().equals(code)) {
                throw e;
            }
            throw new CocoatlyException(e.kind(), e.code(), e.getMessage(), List.of(hint), e);
        }
    }
}
