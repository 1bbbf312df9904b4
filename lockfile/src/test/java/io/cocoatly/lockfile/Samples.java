package io.cocoatly.lockfile;

import io.cocoatly.lockfile.ResolverInfo.Objective;
import io.cocoatly.model.Artifact;
import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Version;
import io.cocoatly.model.VersionPolicy;
import java.net.URI;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Hand-made lockfiles for golden files and reader tests. */
final class Samples {

    static final String DIGEST = "sha256:" + "ab".repeat(32);

    /** The registry most samples lock from, served over HTTPS. */
    static final LockedSource SAMPLE = new LockedSource("sample", URI.create("https://registry.example/sample/"));

    /** A directory registry on the machine that locked. */
    static final LockedSource LOCAL = new LockedSource("local", URI.create("file:///srv/cocoatly/registry/"));

    private Samples() {
    }

    static PackageId id(String text) {
        int at = text.indexOf('@');
        return PackageId.of(text.substring(0, at), text.substring(at + 1));
    }

    static List<PackageId> ids(String... texts) {
        return java.util.Arrays.stream(texts).map(Samples::id).toList();
    }

    static ManifestInfo manifest() {
        return new ManifestInfo(PackageName.of("demo"), Version.parse("0.1.0"), DIGEST);
    }

    static ResolverInfo resolver(VersionPolicy policy) {
        return new ResolverInfo(true, List.of(new Objective("preferred-changes", 0), new Objective("direct-rank", 0),
                new Objective("transitive-rank", 2), new Objective("packages", 4)), policy);
    }

    static Artifact artifact(String name, String version, boolean signed) {
        String pad = sha512(name + "@" + version);
        Optional<Artifact.Signature> signature = signed
                ? Optional.of(new Artifact.Signature("key-7f3a", Base64.getEncoder().encodeToString(pad.substring(0, 64).getBytes(
                        java.nio.charset.StandardCharsets.US_ASCII))))
                : Optional.empty();
        return new Artifact("artifacts/" + name + "-" + version + ".tar.gz", 1024 + name.length(),
                Map.of("sha256", pad.substring(0, 64), "blake3", pad.substring(64), "sha512", pad), signature);
    }

    private static String sha512(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-512")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** A package from {@link #SAMPLE}, its artifact URL resolved against it as format 2 records it. */
    static LockedPackage pkg(String id, boolean withArtifact, String... dependencies) {
        LockedPackage relative = format1Pkg(id, withArtifact, dependencies);
        return new LockedPackage(relative.id(), SAMPLE.name(), relative.artifact().map(SAMPLE::locate),
                relative.dependencies());
    }

    /** A package as format 1 records it: the source's name and an artifact URL relative to it. */
    static LockedPackage format1Pkg(String id, boolean withArtifact, String... dependencies) {
        PackageId pid = id(id);
        Optional<Artifact> artifact = withArtifact
                ? Optional.of(artifact(pid.name().value(), pid.version().toString(), true)) : Optional.empty();
        return new LockedPackage(pid, "sample", artifact, ids(dependencies));
    }

    /** A small web stack: app deps on http and json, http on tls; signed artifacts. */
    static Lockfile simple() {
        return Lockfile.of(manifest(), resolver(VersionPolicy.ONE_PER_PACKAGE), List.of(SAMPLE), List.of(
                pkg("json@1.4.2", true),
                pkg("http@2.0.1", true, "tls@2.1.0"),
                pkg("tls@2.1.0", true)),
                List.of(ids("json@1.4.2"), ids("tls@2.1.0"), ids("http@2.0.1")));
    }

    /** a and b depend on each other; both on base. No artifacts, prerelease and build versions. */
    static Lockfile cycle() {
        return Lockfile.of(manifest(), new ResolverInfo(false, List.of(new Objective("packages", 3)),
                VersionPolicy.ONE_PER_PACKAGE), List.of(SAMPLE), List.of(
                pkg("b@1.0.0-rc.1", false, "a@1.0.0", "base@0.3.0+build.5"),
                pkg("a@1.0.0", false, "b@1.0.0-rc.1"),
                pkg("base@0.3.0+build.5", false)),
                List.of(ids("base@0.3.0+build.5"), ids("b@1.0.0-rc.1", "a@1.0.0")));
    }

    /** Two majors of one package side by side from two sources, one artifact unsigned. */
    static Lockfile semverMajor() {
        LockedPackage unsigned = new LockedPackage(id("log@1.2.0"), LOCAL.name(),
                Optional.of(LOCAL.locate(artifact("log", "1.2.0", false))), List.of());
        return Lockfile.of(manifest(), resolver(VersionPolicy.SEMVER_MAJOR), List.of(SAMPLE, LOCAL), List.of(
                unsigned,
                pkg("log@2.0.0", true),
                pkg("app-core@3.1.4", true, "log@1.2.0", "log@2.0.0")),
                List.of(ids("log@2.0.0"), ids("log@1.2.0"), ids("app-core@3.1.4")));
    }

    /** Nothing to install at all, and so no source either. */
    static Lockfile empty() {
        return Lockfile.of(manifest(), new ResolverInfo(true, List.of(), VersionPolicy.ONE_PER_PACKAGE), List.of(), List.of(),
                List.of());
    }

    /** {@link #simple()} as format 1 wrote it: no sources, artifact URLs relative to the registry. */
    static Lockfile format1() {
        return Lockfile.format1(manifest(), resolver(VersionPolicy.ONE_PER_PACKAGE), List.of(
                format1Pkg("json@1.4.2", true),
                format1Pkg("http@2.0.1", true, "tls@2.1.0"),
                format1Pkg("tls@2.1.0", true)),
                List.of(ids("json@1.4.2"), ids("tls@2.1.0"), ids("http@2.0.1")));
    }

    /** {@link #simple()} with a dev-dependency on test-kit, which needs json: both marked dev. */
    static Lockfile dev() {
        return Lockfile.of(manifest(), resolver(VersionPolicy.ONE_PER_PACKAGE), List.of(SAMPLE), List.of(
                pkg("json@1.4.2", true).withDev(true),
                pkg("test-kit@0.2.0", false, "json@1.4.2").withDev(true),
                pkg("http@2.0.1", true, "tls@2.1.0"),
                pkg("tls@2.1.0", true)),
                List.of(ids("json@1.4.2"), ids("tls@2.1.0"), ids("http@2.0.1"), ids("test-kit@0.2.0")));
    }

    static Map<String, Lockfile> all() {
        return Map.of("simple", simple(), "cycle", cycle(), "semver-major", semverMajor(), "empty", empty(),
                "format-1", format1(), "dev", dev());
    }
}
