package io.cocoatly.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;

/**
 * The laws of the set algebra, and that the canonical form makes equal sets equal objects. Edge cases
 * are off because the combined generators have thousands of them and would crowd out random tries;
 * the special ranges are part of {@link Generators#ranges()} instead.
 */
@PropertyDefaults(edgeCases = EdgeCasesMode.NONE)
class RangeAlgebraTest {

    private static final List<Version> SAMPLE = Generators.sampleVersions();

    @Provide
    Arbitrary<VersionRange> ranges() {
        return Generators.ranges();
    }

    @Provide
    Arbitrary<Version> versions() {
        return Generators.versions();
    }

    /**
     * Matching a sorted list by binary search finds exactly the versions {@code contains} accepts:
     * over the sample (every generated version, ascending), with duplicates and build metadata among
     * them, as registry listings have.
     */
    @Property
    void matchingASortedListAgreesWithContains(@ForAll("ranges") VersionRange a) {
        List<Version> ascending = new java.util.ArrayList<>(SAMPLE);
        ascending.add(Version.parse("1.1.1+build.5"));
        ascending.add(Version.parse("1.1.1"));
        ascending.add(Version.parse("2.0.0-rc.1+x"));
        ascending.sort(null);
        java.util.BitSet found = new java.util.BitSet();
        a.matchesIn(ascending, found);
        for (int i = 0; i < ascending.size(); i++) {
            assertEquals(a.contains(ascending.get(i)), found.get(i), a + " and " + ascending.get(i));
        }
        assertEquals(-1, found.nextSetBit(ascending.size()));
    }

    @Property
    void unionAndIntersectionCommute(@ForAll("ranges") VersionRange a, @ForAll("ranges") VersionRange b) {
        assertEquals(a.union(b), b.union(a));
        assertEquals(a.intersect(b), b.intersect(a));
    }

    @Property
    void unionAndIntersectionAssociate(@ForAll("ranges") VersionRange a, @ForAll("ranges") VersionRange b,
                                       @ForAll("ranges") VersionRange c) {
        assertEquals(a.union(b).union(c), a.union(b.union(c)));
        assertEquals(a.intersect(b).intersect(c), a.intersect(b.intersect(c)));
    }

    @Property
    void intersectionDistributesOverUnion(@ForAll("ranges") VersionRange a, @ForAll("ranges") VersionRange b,
                                          @ForAll("ranges") VersionRange c) {
        assertEquals(a.intersect(b.union(c)), a.intersect(b).union(a.intersect(c)));
    }

    @Property
    void doubleComplementIsIdentity(@ForAll("ranges") VersionRange a) {
        assertEquals(a, a.complement().complement());
    }

    @Property
    void deMorgan(@ForAll("ranges") VersionRange a, @ForAll("ranges") VersionRange b) {
        assertEquals(a.union(b).complement(), a.complement().intersect(b.complement()));
        assertEquals(a.intersect(b).complement(), a.complement().union(b.complement()));
    }

    @Property
    void identitiesAndAbsorption(@ForAll("ranges") VersionRange a, @ForAll("ranges") VersionRange b) {
        assertEquals(a, a.union(VersionRange.empty()));
        assertEquals(a, a.intersect(VersionRange.all()));
        assertEquals(VersionRange.all(), a.union(a.complement()));
        assertEquals(VersionRange.empty(), a.intersect(a.complement()));
        assertEquals(a, a.union(a.intersect(b)));
        assertEquals(a, a.minus(b).union(a.intersect(b)));
    }

    @Property
    void containsAgreesWithTheSetOperations(@ForAll("ranges") VersionRange a, @ForAll("ranges") VersionRange b,
                                            @ForAll("versions") Version v) {
        assertEquals(a.contains(v) || b.contains(v), a.union(b).contains(v));
        assertEquals(a.contains(v) && b.contains(v), a.intersect(b).contains(v));
        assertEquals(!a.contains(v), a.complement().contains(v));
        assertEquals(a.contains(v) && !b.contains(v), a.minus(b).contains(v));
    }

    @Property
    void subsetIsIntersectionEquality(@ForAll("ranges") VersionRange a, @ForAll("ranges") VersionRange b) {
        boolean pointwise = SAMPLE.stream().allMatch(v -> !a.contains(v) || b.contains(v));
        assertEquals(a.intersect(b).equals(a), a.isSubsetOf(b));
        assertEquals(pointwise, a.isSubsetOf(b));
        assertEquals(SAMPLE.stream().anyMatch(v -> a.contains(v) && b.contains(v)), a.intersects(b));
    }

    @Property
    void rangesThatAgreeOnEveryVersionAreEqualObjects(@ForAll("ranges") VersionRange a,
                                                      @ForAll("ranges") VersionRange b) {
        // Built two ways: the same set must come out as the same object, and vice versa.
        VersionRange rebuilt = a.minus(b).union(b.intersect(a));
        assertEquals(a, rebuilt);
        assertEquals(a.hashCode(), rebuilt.hashCode());
        boolean samePoints = SAMPLE.stream().allMatch(v -> a.contains(v) == b.contains(v));
        assertEquals(samePoints, a.equals(b), () -> a + " vs " + b);
    }

    @Property
    void parsedRangesRenderToTextThatParsesBack(@ForAll("requirements") String requirement) {
        VersionRange range = VersionRange.parse(requirement);
        assertEquals(range, VersionRange.parse(range.toString()), () -> requirement + " rendered " + range);
    }

    @Property
    void combinedRangesRoundTripWhenExpressible(@ForAll("ranges") VersionRange range) {
        String text = range.toString();
        if (!text.contains("{")) {
            assertEquals(range, VersionRange.parse(text), text);
        }
    }

    @Property
    void coveringSelectsExactlyTheChosenVersions(@ForAll("universe") List<Version> universe,
                                                 @ForAll long seed) {
        java.util.Random random = new java.util.Random(seed);
        List<Version> chosen = universe.stream().filter(v -> random.nextBoolean()).toList();
        VersionRange cover = VersionRange.covering(chosen, universe);
        assertEquals(VersionRange.of(chosen), cover.intersect(VersionRange.of(universe)), cover::toString);
        assertEquals(cover, VersionRange.parse(cover.toString()));
    }

    @Provide
    Arbitrary<String> requirements() {
        return Generators.requirements();
    }

    @Provide
    Arbitrary<List<Version>> universe() {
        return Generators.versions().list().ofMaxSize(20);
    }
}
