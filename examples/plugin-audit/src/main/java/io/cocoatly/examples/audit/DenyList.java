package io.cocoatly.examples.audit;

import io.cocoatly.plugin.PackageChange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The licences the audit plugin refuses to install, from two places, which add up:
 * <ul>
 *   <li>{@code <home>/audit/deny-licenses.txt}: one SPDX licence id per line; blank lines and
 *       everything after {@code #} are ignored. The policy of a home, kept with it.</li>
 *   <li>the environment variable {@code COCOATLY_AUDIT_DENY}: ids separated by commas, for one run or
 *       a CI job. It can only add to the file, never lift what the file denies.</li>
 * </ul>
 * Ids are compared without regard to case, as SPDX ids are. A line that is not an id is an error
 * naming the file and line: a policy that cannot be read must refuse, not allow.
 *
 * @param ids each denied id (lower case) and where it was listed (the file's path, or the variable)
 */
record DenyList(Map<String, String> ids) {

    /** The file, below the home. */
    static final String FILE = "audit/deny-licenses.txt";
    /** The environment variable. */
    static final String ENV = "COCOATLY_AUDIT_DENY";

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9.+:-]+");

    DenyList {
        ids = Map.copyOf(ids);
    }

    /**
     * Reads the deny list of {@code home} and {@code env}.
     *
     * @throws IllegalArgumentException naming the file and line, or the variable, for an entry that is not an id
     * @throws UncheckedIOException     if the file exists but cannot be read
     */
    static DenyList load(Path home, Map<String, String> env) {
        Map<String, String> ids = new LinkedHashMap<>();
        Path file = home.resolve(FILE);
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            lines = List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the deny list `" + file + "`: " + e.getMessage(), e);
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int hash = line.indexOf('#');
            String id = (hash < 0 ? line : line.substring(0, hash)).strip();
            if (id.isEmpty()) {
                continue;
            }
            if (!ID.matcher(id).matches()) {
                throw new IllegalArgumentException("`" + file + "` line " + (i + 1) + ": `" + id
                        + "` is not an SPDX licence id (one id per line, `#` starts a comment)");
            }
            ids.putIfAbsent(id.toLowerCase(Locale.ROOT), file.toString());
        }
        String variable = env.getOrDefault(ENV, "");
        for (String part : variable.split(",", -1)) {
            String id = part.strip();
            if (id.isEmpty()) {
                continue;
            }
            if (!ID.matcher(id).matches()) {
                throw new IllegalArgumentException("`" + ENV + "`: `" + id + "` is not an SPDX licence id"
                        + " (ids separated by commas)");
            }
            ids.putIfAbsent(id.toLowerCase(Locale.ROOT), ENV);
        }
        return new DenyList(ids);
    }

    /** Whether nothing is denied. */
    boolean isEmpty() {
        return ids.isEmpty();
    }

    /**
     * Why {@code change} must not be installed, in one sentence naming the package, or empty when it
     * may be: it has no licence in its metadata, or the deny list allows its licence. A licence that is
     * not an SPDX expression is refused while anything is denied, since it cannot be checked.
     */
    Optional<String> refusal(PackageChange change) {
        Optional<String> license = change.metadata().license();
        if (ids.isEmpty() || license.isEmpty()) {
            return Optional.empty();
        }
        String who = "`" + change.name() + " " + change.version() + "`";
        String text = license.get().strip();
        List<String> denied;
        try {
            denied = LicenseExpression.parse(text).denied(id -> ids.containsKey(id.toLowerCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.of(who + " has a licence the deny list cannot be checked against: " + e.getMessage());
        }
        if (denied.isEmpty()) {
            return Optional.empty();
        }
        Set<String> sources = new LinkedHashSet<>();
        denied.forEach(id -> sources.add(ids.get(id.toLowerCase(Locale.ROOT))));
        String where = " (" + String.join(", ", sources) + ")";
        if (denied.size() == 1 && denied.get(0).equals(text)) {
            return Optional.of(who + " is licensed " + text + ", which is on the deny list" + where);
        }
        return Optional.of(who + " is licensed `" + text + "`, and " + String.join(", ", denied)
                + (denied.size() == 1 ? " is" : " are") + " on the deny list" + where);
    }

    /** The refusals of every package in {@code changes} that is being installed, in order. */
    List<String> refusals(List<PackageChange> changes) {
        List<String> out = new ArrayList<>();
        for (PackageChange c : changes) {
            if (c.kind() != PackageChange.Kind.REMOVE) {
                refusal(c).ifPresent(out::add);
            }
        }
        return out;
    }
}
