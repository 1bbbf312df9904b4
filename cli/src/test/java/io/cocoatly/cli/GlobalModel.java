package io.cocoatly.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What {@link GlobalCrashLoopTest} expects of the global installation, as {@code docs/cli.md} and
 * {@code docs/config.md} describe it for packages without dependencies: the installed versions and
 * the registry they came from (an install relocks every package from the registry it is given, so
 * all come from the last install's), {@code global.json}'s requirements and {@code global-lock.json}'s
 * versions. A global install makes the lockfile the installation; an uninstall keeps it, so a
 * package installed again later comes back at its locked version.
 *
 * @param installed name to version
 * @param registry  which of the test's registries the installed packages came from
 * @param required  {@code global.json}: name to requirement ({@code *} or an exact version)
 * @param locked    {@code global-lock.json}: name to version
 */
record GlobalModel(SortedMap<String, String> installed, int registry, SortedMap<String, String> required,
        SortedMap<String, String> locked) {

    /** A home before any global install. */
    static final GlobalModel EMPTY = new GlobalModel(new TreeMap<>(), 0, new TreeMap<>(), new TreeMap<>());

    /** The packages of the test's registries, each at every one of {@link #VERSIONS}. */
    static final List<String> NAMES = List.of("a", "b", "c", "d", "e", "f");
    static final List<String> VERSIONS = List.of("1.0.0", "2.0.0");

    GlobalModel {
        installed = new TreeMap<>(installed);
        required = new TreeMap<>(required);
        locked = new TreeMap<>(locked);
    }

    /** One {@code cocoatly} command: its label for the log, its arguments, and what it leaves once done. */
    record Command(String label, List<String> args, GlobalModel target) {
    }

    /**
     * {@code state.json} as it must be: name to version and digest, {@code digests} giving
     * {@code "<registry> <name>@<version>"}'s artifact digest.
     */
    Map<String, GlobalHomeCheck.Installed> state(Map<String, String> digests) {
        Map<String, GlobalHomeCheck.Installed> state = new TreeMap<>();
        installed.forEach((name, version) -> state.put(name, new GlobalHomeCheck.Installed(version,
                digests.get(registry + " " + name + "@" + version))));
        return state;
    }

    /**
     * {@code install NAME[@VERSION] --registry ROOT}: without a version, an installed package stays
     * where it is and another comes at its locked version, else the newest.
     */
    Command install(String name, String version, int from, Path root) {
        String chosen = !version.isEmpty() ? version
                : installed.getOrDefault(name, locked.getOrDefault(name, VERSIONS.get(VERSIONS.size() - 1)));
        SortedMap<String, String> nextInstalled = new TreeMap<>(installed);
        nextInstalled.put(name, chosen);
        SortedMap<String, String> nextRequired = new TreeMap<>(required);
        nextRequired.put(name, version.isEmpty() ? "*" : version);
        String spec = version.isEmpty() ? name : name + "@" + version;
        return new Command("install " + spec + (from == registry ? "" : " from registry " + from),
                List.of("install", spec, "--registry", root.toString(), "--quiet"),
                new GlobalModel(nextInstalled, from, nextRequired, nextInstalled));
    }

    /** {@code uninstall NAME}: the lockfile keeps its versions. */
    Command uninstall(String name) {
        SortedMap<String, String> nextInstalled = new TreeMap<>(installed);
        nextInstalled.remove(name);
        SortedMap<String, String> nextRequired = new TreeMap<>(required);
        nextRequired.remove(name);
        return new Command("uninstall " + name, List.of("uninstall", name, "--quiet"),
                new GlobalModel(nextInstalled, registry, nextRequired, locked));
    }

    /**
     * A random command that changes what is installed (one that changes nothing is rarely caught
     * by a kill): of four kinds, each as likely as the others where it applies, an install of a
     * package not installed, of another version, an uninstall, or a reinstall of every package
     * from the other registry (same versions, other bytes).
     */
    Command next(Random random, List<Path> registries, Map<String, String> digests) {
        List<List<Command>> kinds = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        int other = 1 - registry;
        for (String name : NAMES) {
            String at = installed.get(name);
            if (at == null) {
                kinds.get(0).add(install(name, "", registry, registries.get(registry)));
            } else {
                kinds.get(2).add(uninstall(name));
                kinds.get(3).add(install(name, "", other, registries.get(other)));
            }
            for (String version : VERSIONS) {
                if (!version.equals(at)) {
                    kinds.get(1).add(install(name, version, registry, registries.get(registry)));
                }
            }
        }
        List<List<Command>> open = kinds.stream()
                .map(k -> k.stream().filter(c -> !c.target().state(digests).equals(state(digests))).toList())
                .filter(k -> !k.isEmpty()).toList();
        List<Command> kind = open.get(random.nextInt(open.size()));
        return kind.get(random.nextInt(kind.size()));
    }
}
