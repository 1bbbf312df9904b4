package io.cocoatly.cli;

import io.cocoatly.json.Typos;
import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import io.cocoatly.model.Manifest;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Workspace;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import picocli.CommandLine.Option;

/**
 * Which members of a workspace a command acts on ({@code -p NAME}, {@code --package NAME}, repeatable;
 * {@code --workspace} for all, the default), as cargo selects them: the one rule for {@code tree},
 * {@code why}, {@code install}, {@code outdated}, {@code update}, {@code add} and {@code remove}
 * (docs/workspaces.md, "Commands").
 *
 * @param workspace the workspace the members are chosen from
 * @param manifests the chosen manifests: with {@code -p} the named ones in the order given; else the
 *                  root's own package (if it has one) and every member, by path
 * @param all       whether every member is chosen (no {@code -p})
 */
record MemberSelection(Workspace workspace, List<Manifest> manifests, boolean all) {

    /** The picocli options, mixed into each command that takes them. */
    static final class Options {

        @Option(names = {"-p", "--package"}, paramLabel = "MEMBER",
                description = "In a workspace: act on this member only (repeatable). Default: every member.")
        List<String> packages = new ArrayList<>();

        @Option(names = "--workspace", description = "In a workspace: act on every member (the default).")
        boolean workspace;

        /** Whether {@code -p} or {@code --workspace} was given. */
        boolean given() {
            return workspace || !packages.isEmpty();
        }

        /**
         * The members chosen in {@code workspace}, or empty for an ordinary project.
         *
         * @param manifestName the manifest as the user sees it, for the error outside a workspace
         * @throws CocoatlyException code {@code usage} (exit 2): {@code -p} or {@code --workspace}
         *     outside a workspace, both together, or a name that is not a member
         */
        Optional<MemberSelection> select(Optional<Workspace> workspace, String manifestName) {
            if (workspace.isEmpty()) {
                if (given()) {
                    throw notAWorkspace(this.workspace ? "--workspace" : "--package", manifestName);
                }
                return Optional.empty();
            }
            if (this.workspace && !packages.isEmpty()) {
                throw new CocoatlyException(ErrorKind.INVALID_INPUT, "usage", "`--workspace` and `--package` cannot be combined",
                        List.of("pass `--workspace` for every member, or `--package NAME` for some"));
            }
            return Optional.of(packages.isEmpty() ? everyMember(workspace.get()) : named(workspace.get(), packages));
        }
    }

    /** The error for {@code option} given where there is no workspace. */
    static CocoatlyException notAWorkspace(String option, String manifestName) {
        return new CocoatlyException(ErrorKind.INVALID_INPUT, "usage", "`" + option
                + "` selects members of a workspace, and `" + manifestName + "` is not a workspace root",
                List.of("leave it out, or run the command inside a workspace (docs/workspaces.md)"));
    }

    /** The root's own package, if any, and every member, by path. */
    static MemberSelection everyMember(Workspace workspace) {
        List<Manifest> all = new ArrayList<>();
        workspace.rootPackage().ifPresent(all::add);
        workspace.members().forEach(m -> all.add(m.manifest()));
        return new MemberSelection(workspace, all, true);
    }

    /**
     * The members {@code names} name (the root's own package may be named too).
     *
     * @throws CocoatlyException code {@code usage} (exit 2) for a name that is not a member, with the
     *     closest member as "did you mean" and the list of members
     */
    static MemberSelection named(Workspace workspace, List<String> names) {
        List<Manifest> chosen = new ArrayList<>();
        for (String name : names) {
            Manifest m = find(workspace, name).map(Workspace.Member::manifest)
                    .or(() -> workspace.rootPackage().filter(p -> p.name().value().equals(name)))
                    .orElseThrow(() -> unknownMember(workspace, name, choices(workspace)));
            if (!chosen.contains(m)) {
                chosen.add(m);
            }
        }
        return new MemberSelection(workspace, chosen, false);
    }

    /**
     * The member {@code name} names, not the root's own package: what {@code publish -p} takes.
     *
     * @throws CocoatlyException code {@code usage} (exit 2) for a name that is not a member, as {@link #named}
     */
    static Workspace.Member member(Workspace workspace, String name) {
        // The root's own package is not among the choices here: the hint lists what this call takes.
        return find(workspace, name).orElseThrow(() -> unknownMember(workspace, name,
                workspace.members().stream().map(m -> m.name().value()).toList()));
    }

    private static Optional<Workspace.Member> find(Workspace workspace, String name) {
        return workspace.members().stream().filter(m -> m.name().value().equals(name)).findFirst();
    }

    private static CocoatlyException unknownMember(Workspace workspace, String name, List<String> known) {
        List<String> hints = new ArrayList<>();
        Typos.closest(name, known).ifPresent(n -> hints.add("did you mean `" + n + "`?"));
        hints.add(listOf(known));
        return new CocoatlyException(ErrorKind.INVALID_INPUT, "usage", "no member `" + name + "` in the workspace at `"
                + workspace.root() + "`", hints);
    }

    /** {@code pass -p/--package, one of: `a`, `b`}: the hint wherever a member must be named. */
    static String listOfMembers(Workspace workspace) {
        return listOf(choices(workspace));
    }

    private static String listOf(List<String> names) {
        return "pass -p/--package, one of: " + names.stream().map(n -> "`" + n + "`").collect(Collectors.joining(", "));
    }

    private static List<String> choices(Workspace workspace) {
        List<String> names = new ArrayList<>();
        workspace.rootPackage().ifPresent(p -> names.add(p.name().value()));
        workspace.members().forEach(m -> names.add(m.name().value()));
        return names;
    }

    /** The chosen manifests' names. */
    Set<PackageName> names() {
        return manifests.stream().map(Manifest::name).collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * Whether the chosen manifests need requirement {@code d} as declared by the local package (member,
     * or the root's own package) {@code declaredBy}: a chosen manifest's every requirement, and the
     * dependencies (not dev-dependencies) of a local package they depend on, transitively: a package
     * reached is used as a library, as {@link io.cocoatly.project.MemberClosure} installs it.
     */
    boolean needs(PackageName declaredBy, io.cocoatly.model.Dependency d) {
        if (names().contains(declaredBy)) {
            return true;
        }
        return reachedLocalPackages().stream().anyMatch(m -> m.name().equals(declaredBy) && m.dependencies().contains(d));
    }

    /** The local packages (members, the root's own) the chosen manifests depend on, transitively, not chosen themselves. */
    private List<Manifest> reachedLocalPackages() {
        Set<PackageName> seen = names();
        List<Manifest> reached = new ArrayList<>();
        java.util.Deque<io.cocoatly.model.Dependency> queue = new java.util.ArrayDeque<>();
        manifests.forEach(m -> queue.addAll(m.allDependencies()));
        while (!queue.isEmpty()) {
            PackageName name = queue.poll().name();
            Optional<Manifest> local = workspace.member(name).map(Workspace.Member::manifest)
                    .or(() -> workspace.rootPackage().filter(p -> p.name().equals(name)));
            if (local.isPresent() && seen.add(name)) {
                reached.add(local.get());
                queue.addAll(local.get().dependencies());
            }
        }
        return reached;
    }

    /**
     * The packages the chosen manifests declare directly (dependencies and dev-dependencies), members
     * included.
     */
    Set<PackageName> directRequirements() {
        Set<PackageName> direct = new TreeSet<>();
        manifests.forEach(m -> m.allDependencies().forEach(d -> direct.add(d.name())));
        return direct;
    }
}
