package io.cocoatly.cli;

import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import io.cocoatly.registry.server.NewToken;
import io.cocoatly.registry.server.Scope;
import io.cocoatly.registry.server.TokenInfo;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cocoatly registry token}: the API tokens of a served registry, administered on the
 * server's side. A token's text is printed once, by {@code create}, and never stored.
 */
@Command(name = "token", addMethodSubcommands = false,
        mixinStandardHelpOptions = true,
        description = "Create, list and revoke the API tokens of a registry served with `cocoatly registry serve`.",
        subcommands = {RegistryTokenCommand.Create.class, RegistryTokenCommand.ListTokens.class, RegistryTokenCommand.Revoke.class},
        footer = {"",
            "Examples:",
            "  cocoatly registry token create --registry ./registry --user alice --packages 'http-*'",
            "  cocoatly registry token list --registry ./registry",
            "  cocoatly registry token revoke 3f2a9c01d4e5 --registry ./registry",
            "  cocoatly registry token list --db postgresql://authenticator@localhost/registry",
            "",
            "See docs/registry-server.md."})
final class RegistryTokenCommand implements Runnable {

    private final Context context;

    @Spec
    CommandSpec spec;

    RegistryTokenCommand(Context context) {
        this.context = context;
    }

    @Override
    public void run() {
        spec.commandLine().usage(context.out());
    }

    /** {@code cocoatly registry token create}. */
    @Command(name = "create", addMethodSubcommands = false,
            mixinStandardHelpOptions = true,
            description = {"Create a token for the user LOGIN.",
                "The token is the only thing printed on stdout, so `TOKEN=$(cocoatly registry token create ...)`",
                "keeps it; what it allows goes to stderr. It is shown this once: the registry keeps only its",
                "SHA-256 hash."},
            footer = {"",
                "Examples:",
                "  cocoatly registry token create --registry ./registry --user alice",
                "  cocoatly registry token create --registry ./registry --user ci \\",
                "      --scope publish-update --packages 'http-*' --expires-in 90",
                "",
                "Exit codes: 0 created, 2 invalid usage, unknown user or no registry at DIR, 4 writing failed."})
    static final class Create implements Callable<Integer> {

        private final Context context;

        @Mixin
        ServedRegistryOptions where;

        @Option(names = "--user", required = true, paramLabel = "LOGIN", description = "The user the token acts for.")
        String user;

        @Option(names = "--scope", paramLabel = "SCOPE", split = ",",
                description = "What it allows, repeatable: publish-new, publish-update, yank, change-owners (default: all four).")
        List<String> scopes = new ArrayList<>();

        @Option(names = "--packages", paramLabel = "GLOB", split = ",",
                description = "The package names it is limited to, repeatable; `*` matches any characters (default: *).")
        List<String> packages = new ArrayList<>();

        @Option(names = "--expires-in", paramLabel = "DAYS", description = "Days until it stops working (default: never).")
        Integer expiresIn;

        @Option(names = "--json", description = "Print the JSON envelope: data = the token and what it allows.")
        boolean json;

        Create(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            Set<Scope> chosen = EnumSet.noneOf(Scope.class);
            for (String s : scopes) {
                chosen.add(Scope.parse(s).orElseThrow(() -> new CocoatlyException(ErrorKind.INVALID_INPUT, "usage",
                        "unknown scope `" + s + "`", List.of("scopes are " + Arrays.stream(Scope.values()).map(Scope::id)
                                .collect(Collectors.joining(", "))))));
            }
            if (chosen.isEmpty()) {
                chosen = EnumSet.allOf(Scope.class);
            }
            if (expiresIn != null && (expiresIn < 1 || expiresIn > 3650)) {
                throw new CocoatlyException(ErrorKind.INVALID_INPUT, "usage", "--expires-in is 1 to 3650 days: " + expiresIn,
                        List.of("leave it out for a token that does not expire"));
            }
            Optional<Instant> expires = Optional.ofNullable(expiresIn)
                    .map(d -> Instant.now().truncatedTo(ChronoUnit.SECONDS).plus(Duration.ofDays(d)));
            NewToken token = where.backend(context, "cocoatly registry token create").createToken(user, chosen,
                    packages.isEmpty() ? List.of("*") : packages, expires);
            if (json) {
                Map<String, Object> data = describe(token.info());
                data.put("token", token.text());
                Json.write(context.out(), Envelope.success(data));
                return ExitCodes.OK;
            }
            context.out().println(token.text());
            context.out().flush();
            PrintWriter err = context.err();
            TokenInfo info = token.info();
            err.println("created token " + info.id() + " for `" + info.owner() + "`");
            err.println("  scopes: " + scopeList(info));
            err.println("  packages: " + String.join(", ", info.globs()));
            err.println("  expires: " + info.expiresAt().map(Instant::toString).orElse("never"));
            err.println(context.console().err().hint() + "this is the only time the token is shown; the registry keeps only its hash");
            err.flush();
            return ExitCodes.OK;
        }
    }

    /** {@code cocoatly registry token list}. */
    @Command(name = "list", addMethodSubcommands = false,
            mixinStandardHelpOptions = true,
            description = {"List the registry's tokens.",
                "Shows each token's id, first characters, owner, scopes, packages, expiry and whether it is",
                "active, expired or revoked; never a token's text, which is not stored."},
            footer = {"",
                "Examples:",
                "  cocoatly registry token list --registry ./registry",
                "",
                "Exit codes: 0 listed, 2 invalid usage or no registry at DIR."})
    static final class ListTokens implements Callable<Integer> {

        private final Context context;

        @Mixin
        ServedRegistryOptions where;

        @Option(names = "--json", description = "Print the JSON envelope: data = {\"tokens\": [...]}.")
        boolean json;

        ListTokens(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            List<TokenInfo> tokens = where.backend(context, "cocoatly registry token list").tokens();
            if (json) {
                List<Object> list = new ArrayList<>();
                tokens.forEach(t -> list.add(describe(t)));
                Json.write(context.out(), Envelope.success(Map.of("tokens", list)));
                return ExitCodes.OK;
            }
            PrintWriter out = context.out();
            if (tokens.isEmpty()) {
                out.println("no tokens; create one with `cocoatly registry token create " + where.asTyped() + " --user LOGIN`");
                out.flush();
                return ExitCodes.OK;
            }
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"ID", "PREFIX", "OWNER", "SCOPES", "PACKAGES", "EXPIRES", "STATUS"});
            Instant now = Instant.now();
            for (TokenInfo t : tokens) {
                rows.add(new String[] {t.id(), t.prefix() + "…", t.owner(), scopeList(t).replace(", ", ","),
                    String.join(",", t.globs()), t.expiresAt().map(Instant::toString).orElse("never"),
                    t.revoked() ? "revoked" : t.expiredAt(now) ? "expired" : "active"});
            }
            int[] widths = new int[rows.get(0).length];
            rows.forEach(r -> {
                for (int i = 0; i < r.length; i++) {
                    widths[i] = Math.max(widths[i], r[i].length());
                }
            });
            for (String[] r : rows) {
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < r.length; i++) {
                    line.append(i + 1 < r.length ? String.format("%-" + widths[i] + "s  ", r[i]) : r[i]);
                }
                out.println(line);
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    /** {@code cocoatly registry token revoke}. */
    @Command(name = "revoke", addMethodSubcommands = false,
            mixinStandardHelpOptions = true,
            description = "Revoke the token ID (from `token list`): it stops working at once.",
            footer = {"",
                "Examples:",
                "  cocoatly registry token revoke 3f2a9c01d4e5 --registry ./registry",
                "",
                "Exit codes: 0 revoked (or already revoked), 2 no such token or no registry at DIR, 4 writing failed."})
    static final class Revoke implements Callable<Integer> {

        private final Context context;

        @Parameters(index = "0", paramLabel = "ID", description = "The token's id.")
        String id;

        @Mixin
        ServedRegistryOptions where;

        @Option(names = "--json", description = "Print the JSON envelope: data = the revoked token.")
        boolean json;

        Revoke(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            TokenInfo t = where.backend(context, "cocoatly registry token revoke").revokeToken(id);
            if (json) {
                Json.write(context.out(), Envelope.success(describe(t)));
            } else {
                context.out().println("revoked token " + t.id() + " of `" + t.owner() + "`");
                context.out().flush();
            }
            return ExitCodes.OK;
        }
    }

    private static String scopeList(TokenInfo info) {
        return Arrays.stream(Scope.values()).filter(info.scopes()::contains).map(Scope::id).collect(Collectors.joining(", "));
    }

    /** A token as the JSON envelopes show it: never its text, except where {@code create} adds it. */
    private static Map<String, Object> describe(TokenInfo t) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", t.id());
        data.put("prefix", t.prefix());
        data.put("owner", t.owner());
        data.put("scopes", Arrays.stream(Scope.values()).filter(t.scopes()::contains).map(Scope::id).toList());
        data.put("packages", t.globs());
        data.put("created_at", t.createdAt().toString());
        data.put("expires_at", t.expiresAt().map(Instant::toString).orElse(null));
        data.put("revoked", t.revoked());
        return data;
    }
}
