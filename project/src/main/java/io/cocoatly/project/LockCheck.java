package io.cocoatly.project;

import io.cocoatly.lockfile.LockedPackage;
import io.cocoatly.lockfile.LockedSource;
import io.cocoatly.lockfile.Lockfile;
import io.cocoatly.lockfile.ManifestInfo;
import io.cocoatly.lockfile.RequirementsDigest;
import io.cocoatly.model.Artifact;
import io.cocoatly.model.Dependency;
import io.cocoatly.model.Manifest;
import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageIndex;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Release;
import io.cocoatly.model.Version;
import io.cocoatly.model.VersionPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Whether a lockfile still holds: it was made for this manifest (same requirements digest, every
 * root requirement satisfied) and is still a valid solution in the registry (every locked version
 * exists and is not yanked, its artifact and checksums are unchanged, and every dependency of every
 * locked package is satisfied by the version locked for it). Never changes anything.
 *
 * <p>{@link #require} is the one refusal {@code lock --check} and {@code install --locked} share.
 * Neither the lockfile's format nor its sources' locations are questioned: a format-1 lockfile that
 * is otherwise current passes (as cargo and uv accept an older lockfile version and upgrade it on
 * the next write), and a source is the same registry when it has the same name.
 */
public final class LockCheck {

    /**
     * One way the lockfile no longer holds.
     *
     * @param code    a stable kebab-case kind, e.g. {@code yanked}
     * @param subject the {@code name@version} it is about, or empty for the manifest as a whole
     */
    public record Problem(String code, Optional<PackageId> subject, String message) {

        /** The code of a locked version that was yanked since. */
        public static final String YANKED = "yanked";

        public Problem {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(message, "message");
        }
    }

    private LockCheck() {
    }

    /**
     * Every problem found, manifest first, then by package.
     *
     * @param policy the policy the user asked for explicitly, if any; otherwise the lockfile's own
     *               is not questioned
     */
    public static List<Problem> run(Lockfile lockfile, Manifest manifest, PackageIndex index, Optional<VersionPolicy> policy) {
        return run(lockfile, Target.of(manifest), index, policy);
    }

    /**
     * Every problem found for a workspace's lockfile: members first (added, removed, another version
     * or path), then as {@link #run(Lockfile, Manifest, PackageIndex, Optional)} for what the whole
     * workspace requires, with each member's version satisfying a locked package's range on it.
     *
     * @param registry the registry's index; the members are laid over it
     */
    public static List<Problem> run(Lockfile lockfile, WorkspaceResolution workspace, PackageIndex registry,
            Optional<VersionPolicy> policy) {
        return run(lockfile, Target.of(workspace), workspace.index(registry), policy);
    }

    /** {@link #require(Lockfile, Manifest, PackageIndex, Optional, String)} for a workspace. */
    public static void require(Lockfile lockfile, WorkspaceResolution workspace, PackageIndex registry,
            Optional<VersionPolicy> policy, String lockfileName) {
        List<Problem> problems = run(lockfile, workspace, registry, policy);
        if (!problems.isEmpty()) {
            throw new LockfileOutOfDateException(lockfileName, problems);
        }
    }

    /** {@link #requireManifest(Lockfile, Manifest, String)} for a workspace, its members included. */
    public static void requireManifest(Lockfile lockfile, WorkspaceResolution workspace, String lockfileName) {
        List<Problem> problems = new ArrayList<>();
        checkManifest(lockfile, Target.of(workspace), problems);
        if (!problems.isEmpty()) {
            throw new LockfileOutOfDateException(lockfileName, problems);
        }
    }

    /**
     * What a lockfile is checked against: the requirements on registry packages, the digest they must
     * have, the versions that are not the registry's to choose (the project's own, each member's),
     * and for a workspace its members.
     */
    private record Target(Manifest requirements, String digest, Map<PackageName, Version> fixed,
                          Optional<List<ManifestInfo.Member>> members) {
        static Target of(Manifest manifest) {
            return new Target(manifest, RequirementsDigest.of(manifest), Map.of(manifest.name(), manifest.version()),
                    Optional.empty());
        }

        static Target of(WorkspaceResolution workspace) {
            Map<PackageName, Version> fixed = new TreeMap<>();
            // A root without a package of its own is no package: nothing can depend on it, and a
            // registry package of its name is an ordinary one (WorkspaceResolution.root).
            workspace.workspace().rootPackage().ifPresent(p -> fixed.put(p.name(), p.version()));
            workspace.workspace().members().forEach(m -> fixed.put(m.name(), m.version()));
            ManifestInfo info = workspace.manifestInfo();
            return new Target(workspace.requirements(), info.requirementsDigest(), fixed, Optional.of(info.members()));
        }
    }

    private static List<Problem> run(Lockfile lockfile, Target target, PackageIndex index, Optional<VersionPolicy> policy) {
        List<Problem> problems = new ArrayList<>();
        checkManifest(lockfile, target, problems);
        Manifest manifest = target.requirements();
        VersionPolicy locked = lockfile.resolver().multipleVersions();
        policy.filter(asked -> asked != locked).ifPresent(asked -> problems.add(new Problem("policy-changed",
                Optional.empty(), "the lockfile was resolved with `--multiple-versions=" + locked.option() + "`, not `"
                + asked.option() + "`")));
        for (LockedPackage p : lockfile.packages()) {
            checkPackage(lockfile, p, target, index, problems);
        }
        return List.copyOf(problems);
    }

    /**
     * Refuses a lockfile that no longer holds: what {@code lock --check} and {@code install --locked}
     * both call, so they refuse exactly the same lockfiles with the same problems.
     *
     * @param lockfileName how the lockfile is named in the message, e.g. {@code cocoatly-lock.json}
     * @throws LockfileOutOfDateException listing every problem of {@link #run}, if there is any
     */
    public static void require(Lockfile lockfile, Manifest manifest, PackageIndex index, Optional<VersionPolicy> policy,
            String lockfileName) {
        List<Problem> problems = run(lockfile, manifest, index, policy);
        if (!problems.isEmpty()) {
            throw new LockfileOutOfDateException(lockfileName, problems);
        }
    }

    /**
     * Refuses a lockfile made for other requirements, reading no registry: the manifest's part of
     * {@link #run} alone (name and version, every requirement locked and satisfied, the requirements
     * digest). What {@code install --frozen} checks before installing the lockfile as it is.
     *
     * @throws LockfileOutOfDateException listing the manifest's problems, if there is any
     */
    public static void requireManifest(Lockfile lockfile, Manifest manifest, String lockfileName) {
        List<Problem> problems = new ArrayList<>();
        checkManifest(lockfile, Target.of(manifest), problems);
        if (!problems.isEmpty()) {
            throw new LockfileOutOfDateException(lockfileName, problems);
        }
    }

    /**
     * Asks {@code registry} for every locked release {@link #run} will ask it for, and nothing else;
     * what fails is left for {@code run}, which asks again and reports it. For a registry that keeps
     * its answers ({@link io.cocoatly.registry.FileRegistry} does), this reads them ahead: on another
     * thread while the caller reads the manifests, as {@code lock --check} does.
     */
    public static void readAhead(Lockfile lockfile, PackageIndex registry) {
        for (LockedPackage p : lockfile.packages()) {
            if (p.source().equals(registry.name())) {
                try {
                    registry.release(p.id());
                } catch (RuntimeException e) {
                    // Read again, and reported, by the check itself.
                }
            }
        }
    }

    private static void checkManifest(Lockfile lockfile, Target target, List<Problem> all) {
        Manifest manifest = target.requirements();
        // The members' own problems come first and say which member changed; they do not hide what
        // the change means for the locked packages (a dev mark, an unlocked requirement) below.
        List<Problem> memberProblems = new ArrayList<>();
        target.members().ifPresent(members -> checkMembers(lockfile.manifest().members(), members, memberProblems));
        all.addAll(memberProblems);
        List<Problem> problems = new ArrayList<>();
        if (!lockfile.manifest().name().equals(manifest.name()) || !lockfile.manifest().version().equals(manifest.version())) {
            problems.add(new Problem("manifest-changed", Optional.empty(), "the lockfile was made for `"
                    + lockfile.manifest().name() + " " + lockfile.manifest().version() + "`, the manifest is `"
                    + manifest.name() + " " + manifest.version() + "`"));
        }
        for (Dependency d : manifest.allDependencies()) {
            if (d.name().equals(manifest.name()) && target.fixed().containsKey(d.name())) {
                continue; // satisfied by the project itself
            }
            List<LockedPackage> locked = lockfile.packages().stream().filter(p -> p.name().equals(d.name())).toList();
            if (locked.isEmpty()) {
                problems.add(new Problem("requirement-not-locked", Optional.empty(),
                        "the manifest requires `" + d + "`, which is not in the lockfile"));
            } else if (locked.stream().noneMatch(p -> d.range().contains(p.version()))) {
                problems.add(new Problem("requirement-unsatisfied", Optional.of(locked.get(0).id()),
                        "the manifest requires `" + d + "`, but the lockfile has `" + locked.get(0).id() + "`"));
            }
        }
        // A wrong mark would make `install --production` leave out what the project needs, or install
        // what only its development does. Only asked when the requirements are locked: otherwise the
        // marks follow from a manifest the lockfile was not made for, and the problems above say why.
        Set<PackageId> production = problems.isEmpty() ? LockfileFactory.productionClosure(manifest, lockfile.packages())
                : Set.of();
        for (LockedPackage p : problems.isEmpty() ? lockfile.packages() : List.<LockedPackage>of()) {
            if (p.dev() == production.contains(p.id())) {
                problems.add(new Problem("dev-mark-changed", Optional.of(p.id()), "`" + p.id() + "` is "
                        + (p.dev() ? "marked dev, but the manifest's dependencies need it"
                        : "not marked dev, but the manifest's dependencies do not need it")));
            }
        }
        if (!lockfile.manifest().requirementsDigest().equals(target.digest()) && problems.isEmpty()
                && memberProblems.isEmpty()) {
            // The requirements changed in a way the locked versions still satisfy, e.g. `^1.0` became
            // `^1.1` while 1.2.0 is locked: still stale, since the newest allowed may differ now.
            problems.add(new Problem("manifest-changed", Optional.empty(),
                    "the manifest's requirements changed since the lockfile was written"));
        }
        all.addAll(problems);
    }

    /** Members added, removed, at another version or moved since the lockfile was written, by name. */
    private static void checkMembers(List<ManifestInfo.Member> locked, List<ManifestInfo.Member> now, List<Problem> problems) {
        Map<PackageName, ManifestInfo.Member> before = new TreeMap<>();
        locked.forEach(m -> before.put(m.name(), m));
        Map<PackageName, ManifestInfo.Member> after = new TreeMap<>();
        now.forEach(m -> after.put(m.name(), m));
        Set<PackageName> names = new java.util.TreeSet<>(before.keySet());
        names.addAll(after.keySet());
        for (PackageName name : names) {
            ManifestInfo.Member was = before.get(name);
            ManifestInfo.Member is = after.get(name);
            if (was == null) {
                problems.add(new Problem("member-added", Optional.empty(), "member `" + name + "` (" + is.path()
                        + ") is not in the lockfile"));
            } else if (is == null) {
                problems.add(new Problem("member-removed", Optional.empty(), "the lockfile has member `" + name + "` ("
                        + was.path() + "), which the workspace no longer has"));
            } else if (!was.version().equals(is.version())) {
                problems.add(new Problem("member-changed", Optional.empty(), "member `" + name + "` (" + is.path()
                        + ") is " + is.version() + ", the lockfile has " + was.version()));
            } else if (!was.path().equals(is.path())) {
                problems.add(new Problem("member-moved", Optional.empty(), "member `" + name + "` is at `" + is.path()
                        + "`, the lockfile has `" + was.path() + "`"));
            }
            if (was != null && is != null && was.requirements().isPresent() && is.requirements().isPresent()) {
                List<String> changes = new ArrayList<>();
                changes(was.requirements().get().dependencies(), is.requirements().get().dependencies(), "", changes);
                changes(was.requirements().get().devDependencies(), is.requirements().get().devDependencies(),
                        "dev-dependency ", changes);
                if (!changes.isEmpty()) {
                    problems.add(new Problem("member-requirements-changed", Optional.empty(), "member `" + name + "` ("
                            + is.path() + ") changed its requirements: " + String.join(", ", changes)));
                }
            }
        }
    }

    /** What changed in one section of a member's requirements: added, removed, or another requirement. */
    private static void changes(Map<PackageName, String> before, Map<PackageName, String> after, String what,
                                List<String> changes) {
        Set<PackageName> names = new java.util.TreeSet<>(before.keySet());
        names.addAll(after.keySet());
        for (PackageName n : names) {
            String was = before.get(n);
            String is = after.get(n);
            if (was == null) {
                changes.add("added " + what + "`" + n + " " + is + "`");
            } else if (is == null) {
                changes.add("removed " + what + "`" + n + " " + was + "`");
            } else if (!was.equals(is)) {
                changes.add(what + "`" + n + " " + was + "` became `" + n + " " + is + "`");
            }
        }
    }

    private static void checkPackage(Lockfile lockfile, LockedPackage p, Target target, PackageIndex index,
            List<Problem> problems) {
        Optional<PackageId> id = Optional.of(p.id());
        if (!p.source().equals(index.name())) {
            problems.add(new Problem("source-changed", id, "`" + p.id() + "` was locked from registry `" + p.source()
                    + "`, not `" + index.name() + "`"));
            return;
        }
        // The locked release's entry alone: an unreadable entry of another version is no concern of
        // this lockfile, and reading every version was 14 % of a no-op install (docs/performance-startup.md).
        Optional<Release> release = index.release(p.id());
        if (release.isEmpty()) {
            String what = index.find(p.name()).isPresent() ? "version" : "package";
            problems.add(new Problem("missing", id, "`" + p.id() + "`: this " + what + " is no longer in registry `"
                    + index.name() + "`"));
            return;
        }
        if (release.get().yanked()) {
            problems.add(new Problem(Problem.YANKED, id, "`" + p.id() + "` was yanked from registry `" + index.name() + "`"));
        }
        Optional<Artifact> expected = release.get().artifact().map(a -> located(lockfile, p, a));
        if (!expected.equals(p.artifact())) {
            problems.add(new Problem("artifact-changed", id, "the artifact of `" + p.id() + "` differs from the"
                    + " registry's (" + artifactDifference(p.artifact(), expected) + ")"));
        }
        checkDependencies(p, release.get(), target, problems);
    }

    /**
     * The registry's artifact as the lockfile would record it. Format 2 records URLs resolved against
     * the source's URL as it was when locking, so the registry's artifact is resolved against that
     * same URL: a registry that moved (same name, another location) changes nothing here; {@code lock}
     * records the new location. Format 1 recorded the registry's URLs as they were.
     */
    private static Artifact located(Lockfile lockfile, LockedPackage p, Artifact artifact) {
        Optional<LockedSource> source = lockfile.source(p.source());
        if (source.isEmpty()) {
            return artifact;
        }
        try {
            return source.get().locate(artifact);
        } catch (IllegalArgumentException e) {
            // Not a URL at all: it cannot equal the locked one, and is reported as a changed URL.
            return artifact;
        }
    }

    private static String artifactDifference(Optional<Artifact> locked, Optional<Artifact> registry) {
        if (locked.isEmpty()) {
            return "the registry now has one";
        }
        if (registry.isEmpty()) {
            return "the registry has none now";
        }
        if (!locked.get().checksums().equals(registry.get().checksums())) {
            return "checksums changed";
        }
        return locked.get().url().equals(registry.get().url()) ? "size or signature changed" : "URL changed";
    }

    private static void checkDependencies(LockedPackage p, Release release, Target target,
            List<Problem> problems) {
        Optional<PackageId> id = Optional.of(p.id());
        List<PackageName> required = new ArrayList<>();
        for (Dependency d : release.dependencies()) {
            required.add(d.name());
            Version fixed = target.fixed().get(d.name());
            if (fixed != null) {
                if (!d.range().contains(fixed)) {
                    String what = d.name().equals(target.requirements().name()) ? "the project" : "member `" + d.name() + "`";
                    problems.add(new Problem("dependency-unsatisfied", id, "`" + p.id() + "` requires `" + d
                            + "`, but " + what + " is " + fixed));
                }
                continue;
            }
            Optional<PackageId> bound = p.dependencies().stream().filter(q -> q.name().equals(d.name())).findFirst();
            if (bound.isEmpty()) {
                problems.add(new Problem("dependency-unsatisfied", id, "`" + p.id() + "` requires `" + d
                        + "`, but the lockfile gives it no version of `" + d.name() + "`"));
            } else if (!d.range().contains(bound.get().version())) {
                problems.add(new Problem("dependency-unsatisfied", id, "`" + p.id() + "` requires `" + d
                        + "`, but the lockfile gives it `" + bound.get() + "`"));
            }
        }
        for (PackageId q : p.dependencies()) {
            if (!required.contains(q.name())) {
                problems.add(new Problem("dependencies-changed", id, "`" + p.id() + "` no longer depends on `"
                        + q.name() + "`, but the lockfile gives it `" + q + "`"));
            }
        }
    }
}
