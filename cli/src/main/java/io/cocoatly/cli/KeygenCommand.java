package io.cocoatly.cli;

import io.cocoatly.artifact.Ed25519Keys;
import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cocoatly keygen}: creates an Ed25519 key pair for signing published packages. */
@Command(name = "keygen", addMethodSubcommands = false,
        mixinStandardHelpOptions = true,
        description = {
            "Create an Ed25519 key pair for signing packages.",
            "Writes DIR/cocoatly.key (private, readable by its owner only) and DIR/cocoatly.pub (public;",
            "users list it under security.trusted_keys); DIR is the home's keys/ unless --out names another,",
            "and `cocoatly publish` signs with the key there unless --key names another.",
            "Prints the key id, which `cocoatly publish` writes next to every signature.",
            "An existing key pair in DIR is kept (the command fails) unless --force replaces it."},
        footer = {"",
            "Examples:",
            "  cocoatly keygen                             # into the home's keys/ (~/.cocoatly/keys)",
            "  cocoatly keygen --out ~/.cocoatly-keys",
            "  cocoatly keygen --out keys --force          # replace the key pair in keys/",
            "  cocoatly keygen --out keys --json",
            "",
            "Exit codes: 0 created, 2 invalid usage, 4 a key file exists (without --force) or cannot be written.",
            "See docs/publishing.md and docs/security.md."})
final class KeygenCommand implements Callable<Integer> {

    private final Context context;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Directory for the two key files; created if missing (default: the home's keys/).")
    String out;

    @Option(names = "--force", description = "Replace an existing key pair in DIR. Anything it signed stays "
            + "signed by the old key, which users must keep trusting to install it.")
    boolean force;

    @Option(names = "--json", description = "Print the JSON envelope: data = {\"key_id\", \"private_key\", \"public_key\"}.")
    boolean json;

    KeygenCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        // The home is made (and marked) before a key is written into it, as by every command writing there.
        Path dir = out != null ? context.path(out) : CommandSettings.home(context).create().keysDir();
        if (force) {
            removeOldPair(dir);
        }
        Ed25519Keys.GeneratedKey key = Ed25519Keys.generate(dir);
        if (json) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("key_id", key.keyId());
            data.put("private_key", key.privateKeyFile().toString());
            data.put("public_key", key.publicKeyFile().toString());
            Json.write(context.out(), Envelope.success(data));
        } else {
            context.out().println("key id: " + key.keyId());
            context.out().println("private key: " + key.privateKeyFile() + " (owner only; keep it secret)");
            context.out().println("public key: " + key.publicKeyFile()
                    + " (add it to security.trusted_keys to trust this publisher)");
            context.out().flush();
        }
        return ExitCodes.OK;
    }

    // Only the two files keygen writes are removed, and only with --force; generate() itself never
    // overwrites, so without --force an existing key cannot be lost.
    private static void removeOldPair(Path dir) {
        for (String name : List.of(Ed25519Keys.PRIVATE_KEY_FILE, Ed25519Keys.PUBLIC_KEY_FILE)) {
            Path file = dir.resolve(name);
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new CocoatlyException(ErrorKind.FAILED, "key-not-removed", "cannot replace `" + file + "`: " + e.getMessage(),
                        List.of("remove it by hand or choose another directory with --out"), e);
            }
        }
    }
}
