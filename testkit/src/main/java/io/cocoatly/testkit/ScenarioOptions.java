package io.cocoatly.testkit;

import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Version;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Collects the items of a scenario's {@code options:} key into {@link Scenario.Options}. */
final class ScenarioOptions {

    private static final Pattern TIMEOUT = Pattern.compile("([1-9][0-9]{0,8})(ms|s)");
    private static final String[] KNOWN = {
        "`prereleases`", "`multiple-versions=semver-major`", "`multiple-versions=one-per-package`",
        "`prefer NAME@VERSION`", "`timeout=DURATION`"};

    private final Set<String> seen = new HashSet<>();
    private final Set<PackageId> preferred = new TreeSet<>();
    private boolean semverMajor;
    private boolean prereleases;
    private Optional<Duration> timeout = Optional.empty();

    /** Reads one comma-separated item of the line. */
    void add(ScenarioLine line, String item) {
        if (item.startsWith("prefer ")) {
            prefer(line, item.substring("prefer ".length()).strip());
            return;
        }
        int equals = item.indexOf('=');
        String key = equals < 0 ? item : item.substring(0, equals);
        if (!seen.add(key)) {
            throw line.error("option `" + key + "` is given twice");
        }
        String value = equals < 0 ? null : item.substring(equals + 1).strip();
        if (key.equals("prereleases") && value == null) {
            prereleases = true;
        } else if (key.equals("multiple-versions") && value != null) {
            semverMajor = switch (value) {
                case "semver-major" -> true;
                case "one-per-package" -> false;
                default -> throw line.error("unknown value `" + value + "` for `multiple-versions`",
                        "write `multiple-versions=semver-major` or `multiple-versions=one-per-package`");
            };
        } else if (key.equals("timeout") && value != null) {
            Matcher m = TIMEOUT.matcher(value);
            if (!m.matches()) {
                throw line.error("invalid timeout `" + value + "`",
                        "write a whole number of seconds or milliseconds, e.g. `timeout=10s` or `timeout=500ms`");
            }
            long amount = Long.parseLong(m.group(1));
            timeout = Optional.of(m.group(2).equals("s") ? Duration.ofSeconds(amount) : Duration.ofMillis(amount));
        } else {
            throw line.error("unknown option `" + item + "`", "options are " + String.join(", ", KNOWN));
        }
    }

    private void prefer(ScenarioLine line, String id) {
        int at = id.indexOf('@');
        if (at < 0) {
            throw line.error("expected `prefer NAME@VERSION`, found `prefer " + id + "`");
        }
        PackageName name = ScenarioSyntax.name(line, id.substring(0, at));
        Version version = ScenarioSyntax.version(line, id.substring(at + 1));
        if (!preferred.add(new PackageId(name, version))) {
            throw line.error("`" + name + "@" + version + "` is preferred twice");
        }
    }

    Scenario.Options build() {
        return new Scenario.Options(semverMajor, prereleases, preferred, timeout);
    }
}
