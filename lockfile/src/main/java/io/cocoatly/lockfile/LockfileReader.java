package io.cocoatly.lockfile;

import io.cocoatly.json.ArtifactJson;
import io.cocoatly.json.JsonCursor;
import io.cocoatly.json.StrictJson;
import io.cocoatly.lockfile.ResolverInfo.Objective;
import io.cocoatly.model.Artifact;
import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import io.cocoatly.model.InvalidFileException;
import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.SyntaxException;
import io.cocoatly.model.Version;
import io.cocoatly.model.VersionPolicy;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Reads lockfiles strictly: the whole file is validated (syntax, types, names, versions, digests,
 * consistency of dependencies and install order) before a {@link Lockfile} is returned, so nothing
 * half-read is ever used. Errors name the file, the JSON path and the problem.
 *
 * <p>Formats 1 and 2 are read, each with its own rules (format 1: no {@code sources}, artifact URLs
 * may be relative; format 2: sources listed, artifact URLs absolute), into a {@link Lockfile} that
 * remembers its format. A format-1 lockfile is as good as a format-2 one for every check; only
 * installing it needs a registry to resolve its relative URLs against.
 */
public final class LockfileReader {

    static final String INVALID = "invalid-lockfile";
    static final String UNSUPPORTED = "unsupported-lockfile";
    private static final String REGENERATE = "run `cocoatly lock` to regenerate it";

    private static final Set<String> ROOT_KEYS =
            Set.of("lockfile", "manifest", "resolver", "sources", "packages", "install-order");
    private static final Set<String> FORMAT_1_ROOT_KEYS = Set.of("lockfile", "manifest", "resolver", "packages", "install-order");
    private static final Set<String> SOURCE_KEYS = Set.of("name", "url");
    private static final Set<String> MANIFEST_KEYS = Set.of("name", "version", "requirements-digest", "members");
    private static final Set<String> MEMBER_KEYS = Set.of("name", "version", "path", "dependencies", "dev-dependencies");
    private static final Set<String> RESOLVER_KEYS = Set.of("optimal", "objective", "multiple-versions");
    private static final Set<String> PACKAGE_KEYS = Set.of("name", "version", "source", "dev", "artifact", "dependencies");

    private LockfileReader() {
    }

    /**
     * Reads and validates {@code file}.
     *
     * @throws CocoatlyException code {@code lockfile-not-found} if there is no such file,
     *     {@code lockfile-unreadable} if it cannot be read
     * @throws InvalidFileException code {@code unsupported-lockfile} for a format other than 1 and 2,
     *     {@code invalid-lockfile} for anything malformed or inconsistent
     */
    public static Lockfile read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new CocoatlyException(ErrorKind.INVALID_INPUT, "lockfile-not-found", "no lockfile at `" + file + "`",
                    List.of("run `cocoatly lock` to create it"));
        } catch (IOException e) {
            throw new CocoatlyException(ErrorKind.FAILED, "lockfile-unreadable", "cannot read `" + file + "`: " + e.getMessage(), List.of(), e);
        }
        return parse(bytes, file.toString());
    }

    /**
     * Validates a lockfile given as bytes (UTF-8 JSON).
     *
     * @param displayName how errors name the file, e.g. its path or {@code <stdin>}
     * @throws InvalidFileException as {@link #read(Path)}
     */
    public static Lockfile parse(byte[] bytes, String displayName) {
        Path file = Path.of(displayName);
        JsonCursor root = StrictJson.parse(bytes, file, INVALID);
        int format = checkFormat(root.required("lockfile"), file);
        root.rejectUnknownKeysListingAll(format >= 2 ? ROOT_KEYS : FORMAT_1_ROOT_KEYS);
        ManifestInfo manifest = manifest(root.required("manifest"));
        ResolverInfo resolver = resolver(root.required("resolver"));
        List<LockedSource> sources = format >= 2 ? sources(root.required("sources")) : List.of();
        JsonCursor packagesAt = root.required("packages");
        List<LockedPackage> packages = new ArrayList<>();
        List<List<PackageId>> rawDependencies = new ArrayList<>();
        for (JsonCursor at : packagesAt.elements()) {
            List<PackageId> dependencies = idList(at.required("dependencies"), "dependency");
            packages.add(lockedPackage(at, dependencies));
            rawDependencies.add(dependencies);
        }
        JsonCursor orderAt = root.required("install-order");
        List<List<PackageId>> installOrder = new ArrayList<>();
        for (JsonCursor group : orderAt.elements()) {
            installOrder.add(idList(group, "package"));
        }
        Consistency.checkSources(format, sources, packages)
                .or(() -> Consistency.check(packages, installOrder, resolver.multipleVersions(),
                        (i, pkg, dependency) -> "$.packages[" + i + "].dependencies["
                                + rawDependencies.get(i).indexOf(dependency) + "]"))
                .ifPresent(p -> {
                    throw new InvalidFileException(INVALID, file, p.path(), p.message(), List.of(REGENERATE));
                });
        return new Lockfile(format, manifest, resolver, sources, packages, installOrder);
    }

    // Formats 1 and 2 are read; a newer one may mean anything, so nothing of it is used.
    private static int checkFormat(JsonCursor at, Path file) {
        long format = at.integer();
        if (format >= Lockfile.FIRST_FORMAT && format <= Lockfile.FORMAT) {
            return (int) format;
        }
        String hint = format > Lockfile.FORMAT
                ? "this lockfile was written by a newer Cocoatly; upgrade, or " + REGENERATE
                : REGENERATE;
        throw new InvalidFileException(UNSUPPORTED, file, at.path(), "unsupported lockfile format: " + format
                + " (this Cocoatly reads formats " + Lockfile.FIRST_FORMAT + " to " + Lockfile.FORMAT + ")", List.of(hint));
    }

    private static List<LockedSource> sources(JsonCursor at) {
        List<LockedSource> sources = new ArrayList<>();
        for (JsonCursor element : at.elements()) {
            element.rejectUnknownKeysListingAll(SOURCE_KEYS);
            JsonCursor nameAt = element.required("name");
            String name = nameAt.string();
            if (name.isEmpty()) {
                throw nameAt.error("a source needs a name");
            }
            JsonCursor urlAt = element.required("url");
            String url = urlAt.string();
            String problem = LockedSource.urlProblem(url);
            if (problem != null) {
                throw urlAt.error(problem);
            }
            sources.add(new LockedSource(name, URI.create(url)));
        }
        return sources;
    }

    private static ManifestInfo manifest(JsonCursor at) {
        at.rejectUnknownKeysListingAll(MANIFEST_KEYS);
        PackageName name = name(at.required("name"));
        Version version = version(at.required("version"));
        JsonCursor digestAt = at.required("requirements-digest");
        String digest = digestAt.string();
        if (!ManifestInfo.DIGEST.matcher(digest).matches()) {
            throw digestAt.error("expected `sha256:` and 64 lowercase hex digits: `" + digest + "`");
        }
        List<ManifestInfo.Member> members = new ArrayList<>();
        for (JsonCursor m : at.optional("members").map(JsonCursor::elements).orElse(List.of())) {
            m.rejectUnknownKeysListingAll(MEMBER_KEYS);
            Optional<ManifestInfo.Requirements> requirements = m.optional("dependencies").map(deps ->
                    new ManifestInfo.Requirements(requirements(deps), m.optional("dev-dependencies")
                            .map(LockfileReader::requirements).orElse(new TreeMap<>())));
            members.add(new ManifestInfo.Member(name(m.required("name")), version(m.required("version")),
                    m.required("path").string(), requirements));
        }
        return new ManifestInfo(name, version, digest, members);
    }

    /** A member's section of requirements: names with their requirement text, as its manifest wrote them. */
    private static SortedMap<PackageName, String> requirements(JsonCursor at) {
        SortedMap<PackageName, String> requirements = new TreeMap<>();
        for (Map.Entry<String, JsonCursor> e : at.entries()) {
            try {
                requirements.put(PackageName.of(e.getKey()), e.getValue().string());
            } catch (CocoatlyException bad) {
                throw e.getValue().error(bad.getMessage());
            }
        }
        return requirements;
    }

    private static ResolverInfo resolver(JsonCursor at) {
        at.rejectUnknownKeysListingAll(RESOLVER_KEYS);
        boolean optimal = at.required("optimal").bool();
        JsonCursor objectiveAt = at.required("objective");
        List<Objective> objective = new ArrayList<>();
        for (String level : objectiveAt.keys()) {
            JsonCursor valueAt = objectiveAt.required(level);
            if (level.isEmpty()) {
                throw valueAt.error("an objective level needs a name");
            }
            objective.add(new Objective(level, valueAt.integer()));
        }
        JsonCursor policyAt = at.required("multiple-versions");
        String policy = policyAt.string();
        VersionPolicy multipleVersions = VersionPolicy.fromFileText(policy).orElseThrow(() -> policyAt.error(
                "unknown multiple-versions policy: `" + policy + "`", "known policies are " + VersionPolicy.fileTexts().stream()
                        .map(t -> "`" + t + "`").collect(Collectors.joining(" and "))));
        return new ResolverInfo(optimal, objective, multipleVersions);
    }

    private static LockedPackage lockedPackage(JsonCursor at, List<PackageId> dependencies) {
        at.rejectUnknownKeysListingAll(PACKAGE_KEYS);
        PackageName name = name(at.required("name"));
        Version version = version(at.required("version"));
        JsonCursor sourceAt = at.required("source");
        String source = sourceAt.string();
        if (source.isEmpty()) {
            throw sourceAt.error("the source must not be empty");
        }
        Optional<Artifact> artifact = at.optional("artifact").map(ArtifactJson::readStrictly);
        // Written only as `true`; `false` is accepted too, as what an absent key means.
        boolean dev = at.optional("dev").map(JsonCursor::bool).orElse(false);
        return new LockedPackage(new PackageId(name, version), source, artifact, dependencies, dev);
    }

    /** An array of distinct {@code name@version} strings. */
    private static List<PackageId> idList(JsonCursor at, String what) {
        List<PackageId> ids = new ArrayList<>();
        Set<PackageId> seen = new HashSet<>();
        for (JsonCursor element : at.elements()) {
            PackageId id = id(element);
            if (!seen.add(id)) {
                throw element.error(what + " `" + id + "` is listed twice");
            }
            ids.add(id);
        }
        return ids;
    }

    private static PackageId id(JsonCursor at) {
        String text = at.string();
        int sep = text.indexOf('@');
        if (sep < 0) {
            throw at.error("expected `name@version`: `" + text + "`");
        }
        try {
            return new PackageId(PackageName.of(text.substring(0, sep)), Version.parse(text.substring(sep + 1)));
        } catch (CocoatlyException e) {
            throw at.error(e.getMessage());
        }
    }

    private static PackageName name(JsonCursor at) {
        String text = at.string();
        try {
            return PackageName.of(text);
        } catch (CocoatlyException e) {
            throw at.error(e.getMessage());
        }
    }

    private static Version version(JsonCursor at) {
        String text = at.string();
        try {
            return Version.parse(text);
        } catch (SyntaxException e) {
            throw at.error(e.getMessage());
        }
    }
}
