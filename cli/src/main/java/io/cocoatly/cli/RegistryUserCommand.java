package io.cocoatly.cli;

import io.cocoatly.artifact.Ed25519PublicKey;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cocoatly registry user}: the publishers a served registry knows, with their signing keys. */
@Command(name = "user", addMethodSubcommands = false,
        mixinStandardHelpOptions = true,
        description = "Manage the publishers of a registry served with `cocoatly registry serve`.",
        subcommands = RegistryUserCommand.Add.class,
        footer = {"",
            "Examples:",
            "  cocoatly registry user add alice --key alice.pub --registry ./registry",
            "",
            "See docs/registry-server.md."})
final class RegistryUserCommand implements Runnable {

    private final Context context;

    @Spec
    CommandSpec spec;

    RegistryUserCommand(Context context) {
        this.context = context;
    }

    @Override
    public void run() {
        spec.commandLine().usage(context.out());
    }

    /** {@code cocoatly registry user add}: registers a publisher, or adds a key to one. */
    @Command(name = "add", addMethodSubcommands = false,
            mixinStandardHelpOptions = true,
            description = {"Register the publisher LOGIN with a public key, or add the key to that publisher.",
                "FILE.pub is the public key file of `cocoatly keygen`. Publishes through the API must be",
                "signed by a key of one of the package's owners (for a new package, of the publisher)."},
            footer = {"",
                "Examples:",
                "  cocoatly registry user add alice --key ~/.cocoatly-keys/cocoatly.pub --registry ./registry",
                "  cocoatly registry user add alice --key alice.pub --db postgresql://authenticator@localhost/registry",
                "",
                "Exit codes: 0 added (or already there), 2 invalid login, key file or registry, 4 writing failed."})
    static final class Add implements Callable<Integer> {

        private final Context context;

        @Parameters(index = "0", paramLabel = "LOGIN", description = "The publisher's login: lowercase letters, digits, - and _.")
        String login;

        @Option(names = "--key", required = true, paramLabel = "FILE.pub", description = "The public key file.")
        String key;

        @Mixin
        ServedRegistryOptions where;

        @Option(names = "--json", description = "Print the JSON envelope: data = {\"login\", \"key_id\", \"added\"}.")
        boolean json;

        Add(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            Ed25519PublicKey publicKey = Ed25519PublicKey.read(context.path(key));
            boolean added = where.backend(context, "cocoatly registry user add").addUser(login, publicKey);
            if (json) {
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("login", login);
                data.put("key_id", publicKey.keyId());
                data.put("added", added);
                Json.write(context.out(), Envelope.success(data));
            } else {
                context.out().println(added ? "added key " + publicKey.keyId() + " to user `" + login + "`"
                        : "user `" + login + "` already has key " + publicKey.keyId());
                context.out().flush();
            }
            return ExitCodes.OK;
        }
    }
}
