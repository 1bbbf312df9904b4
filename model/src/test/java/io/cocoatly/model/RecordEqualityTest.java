package io.cocoatly.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The records whose {@code equals} and {@code hashCode} are written out (to spare the start-up an
 * {@code ObjectMethods} bootstrap) keep a record's contract: equal exactly when every component is
 * equal, and the hash a record derives ({@code h * 31 + hash(component)}, from 0), so no map's order
 * changes with them.
 */
class RecordEqualityTest {

    private static final Version V1 = Version.parse("1.0.0");
    private static final Version V2 = Version.parse("2.0.0");

    @Test
    void packageNameEqualsByValue() {
        // Two objects: PackageName.of gives one object per name, which would compare by identity.
        assertEqualPair(PackageName.of("tls"), new PackageName(new String("tls")));
        assertNotEquals(PackageName.of("tls"), PackageName.of("url"));
        assertNotEquals(new PackageName("tls"), new PackageName("tlt"));
        assertEquals("tls".hashCode(), PackageName.of("tls").hashCode());
    }

    @Test
    void packageIdEqualsByNameAndVersion() {
        assertEqualPair(PackageId.of("tls", "1.0.0"), new PackageId(PackageName.of("tls"), V1));
        assertNotEquals(PackageId.of("tls", "1.0.0"), PackageId.of("url", "1.0.0"));
        assertNotEquals(PackageId.of("tls", "1.0.0"), PackageId.of("tls", "2.0.0"));
        assertEquals(new IdTwin(PackageName.of("tls"), V1).hashCode(), PackageId.of("tls", "1.0.0").hashCode());
    }

    @Test
    void intervalEqualsByItsBoundsOpenOrNot() {
        assertEqualPair(new IntervalSet.Interval(V1, V2), new IntervalSet.Interval(V1, V2));
        assertEqualPair(new IntervalSet.Interval(null, null), new IntervalSet.Interval(null, null));
        assertNotEquals(new IntervalSet.Interval(V1, V2), new IntervalSet.Interval(V1, null));
        assertNotEquals(new IntervalSet.Interval(null, V2), new IntervalSet.Interval(V1, V2));
        assertEquals(new IntervalTwin(V1, null).hashCode(), new IntervalSet.Interval(V1, null).hashCode());
        assertEquals(new IntervalTwin(null, V2).hashCode(), new IntervalSet.Interval(null, V2).hashCode());
    }

    @Test
    void artifactEqualsByEveryComponent() {
        Artifact.Signature sig = new Artifact.Signature("key", "c2ln");
        Artifact a = new Artifact("a.tar.gz", 10, Map.of("sha256", "00"), Optional.of(sig));
        assertEqualPair(a, new Artifact("a.tar.gz", 10, Map.of("sha256", "00"),
                Optional.of(new Artifact.Signature("key", "c2ln"))));
        for (Artifact other : List.of(
                new Artifact("b.tar.gz", 10, Map.of("sha256", "00"), Optional.of(sig)),
                new Artifact("a.tar.gz", 11, Map.of("sha256", "00"), Optional.of(sig)),
                new Artifact("a.tar.gz", 10, Map.of("sha256", "01"), Optional.of(sig)),
                new Artifact("a.tar.gz", 10, Map.of("sha256", "00"), Optional.empty()),
                new Artifact("a.tar.gz", 10, Map.of("sha256", "00"), Optional.of(new Artifact.Signature("k2", "c2ln"))),
                new Artifact("a.tar.gz", 10, Map.of("sha256", "00"), Optional.of(new Artifact.Signature("key", "eA"))))) {
            assertNotEquals(a, other);
        }
        assertEquals(new SignatureTwin("key", "c2ln").hashCode(), sig.hashCode());
        assertEquals(new ArtifactTwin("a.tar.gz", 10, Map.of("sha256", "00"), Optional.of(sig)).hashCode(), a.hashCode());
    }

    @Test
    void dependencyEqualsByNameRequirementAndRange() {
        assertEqualPair(Dependency.parse("tls", "^1"), Dependency.parse("tls", "^1"));
        assertNotEquals(Dependency.parse("tls", "^1"), Dependency.parse("url", "^1"));
        // The same range written two ways: equal ranges, different requirements as written.
        assertNotEquals(Dependency.parse("tls", "^1"), Dependency.parse("tls", ">=1.0.0, <2.0.0"));
        assertNotEquals(Dependency.parse("tls", "^1"), new Dependency(PackageName.of("tls"), "^1", VersionRange.parse("^2")));
        Dependency d = Dependency.parse("tls", "^1");
        assertEquals(new DependencyTwin(d.name(), d.requirement(), d.range()).hashCode(), d.hashCode());
    }

    /** Equal both ways, equal hashes, and unequal to null and to another type. */
    private static void assertEqualPair(Object a, Object b) {
        assertEquals(a, b);
        assertEquals(b, a);
        assertEquals(a.hashCode(), b.hashCode());
        assertFalse(a.equals(null));
        assertNotEquals(a, "not a record of this type");
    }

    // Records with the same components whose hash the JDK derives: what the written-out hashes must equal.
    private record IdTwin(PackageName name, Version version) {
    }

    private record DependencyTwin(PackageName name, String requirement, VersionRange range) {
    }

    private record IntervalTwin(Version lo, Version hi) {
    }

    private record SignatureTwin(String key, String ed25519) {
    }

    private record ArtifactTwin(String url, long size, Map<String, String> checksums,
                                Optional<Artifact.Signature> signature) {
    }
}
