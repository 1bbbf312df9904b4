package io.cocoatly.solver.internal;

import io.cocoatly.model.Manifest;
import io.cocoatly.model.PackageIndex;
import io.cocoatly.model.VersionPolicy;
import io.cocoatly.solver.RandomCase;
import io.cocoatly.solver.ResolveRequest;
import io.cocoatly.testkit.GoldenFile;
import io.cocoatly.testkit.Scenario;
import io.cocoatly.testkit.ScenarioReader;
import io.cocoatly.testkit.TestData;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Pins what the encoder hands to sat4j, constraint by constraint and in order, for every scenario
 * under {@code testdata/scenarios} and for {@value #RANDOM} random cases: the variables, every
 * constraint with its reason, the dominated candidates, the objective levels and the constraint count. The
 * golden file holds one line per case (its sizes and a digest of the whole text), so a change to the
 * encoding, or to the order in which it is built, shows up here before it shows up as a different
 * answer or explanation. The text is taken after the optimiser has run on the encoding, so building
 * parts of it only when read must leave it exactly as building it all at once did. Regenerate with
 * {@code -Dcocoatly.regenerate=true} only when the encoding is meant to change.
 */
class EncodingGoldenTest {

    /** Random cases pinned besides the scenarios. */
    private static final int RANDOM = 400;

    @Test
    void everyEncodingIsAsPinned() {
        StringBuilder golden = new StringBuilder();
        for (Scenario s : ScenarioReader.readAll(TestData.scenarios())) {
            if (s.isWorkspace()) {
                continue;
            }
            ResolveRequest request = ResolveRequest.of(s.root())
                    .withPreferred(s.options().preferred())
                    .withPolicy(s.options().semverMajor() ? VersionPolicy.SEMVER_MAJOR : VersionPolicy.ONE_PER_PACKAGE)
                    .withAllowPrereleases(s.options().prereleases());
            golden.append(line(s.name(), s.registry(), request));
        }
        for (long seed = 1; seed <= RANDOM; seed++) {
            VersionPolicy policy = seed % 2 == 0 ? VersionPolicy.ONE_PER_PACKAGE : VersionPolicy.SEMVER_MAJOR;
            RandomCase c = RandomCase.generate(seed, 10, policy);
            golden.append(line("random-" + seed, c.index(), c.request()));
        }
        GoldenFile.assertMatches(GoldenFile.repo().resolve("solver/src/test/resources/encodings.expected.txt"),
                golden.toString());
    }

    private static String line(String name, PackageIndex index, ResolveRequest request) {
        Encoding e = encode(index, request);
        if (e.emptyClause() == null) {
            // Whatever the proof path reads first, the constraints read afterwards must be the same.
            Optimizer.run(e, Budget.of(Optional.empty()), true);
        }
        String text = render(e);
        return name + " variables=" + e.variables() + " constraints=" + e.constraints().size()
                + " dominated=" + Arrays.stream(e.dominator).filter(d -> d != 0).count() + " " + sha256(text).substring(0, 16) + "\n";
    }

    /**
     * The encoding of {@code request} with its dominated candidates found, as the optimiser sees it
     * once the guess alone proves nothing: the bounds' tests check the stronger bounds against the
     * solutions without dominated candidates.
     */
    static Encoding encode(PackageIndex index, ResolveRequest request) {
        Manifest root = request.root();
        Preferences preferred = Preferences.of(request.preferred(), request.policy());
        Universe u = Universe.forRoot(index, root.name(), root.dependencies(), preferred);
        Encoding e = Encoder.forResolve(u, root, preferred, request.policy(), request.allowPrereleases(), index.name());
        e.findDominated();
        return e;
    }

    /** Everything the solver and the explanation read, in the order they read it. */
    static String render(Encoding e) {
        StringBuilder text = new StringBuilder();
        for (int v = 1; v <= e.candidates(); v++) {
            text.append(v).append(' ').append(e.id(v)).append('\n');
        }
        text.append("empty ").append(e.emptyClause()).append('\n');
        for (Constraint c : e.constraints()) {
            text.append(c).append('\n');
        }
        // Each dominated candidate as the unit the optimiser's solver was given before it left them out,
        // so that the golden hashes still say the encoding is what it was.
        for (int v = 1; v <= e.candidates(); v++) {
            if (e.dominator[v] != 0) {
                text.append("∨[").append(-v).append("] (`").append(e.id(v)).append("` is never better than `")
                        .append(e.id(e.dominator[v])).append("`)\n");
            }
        }
        for (Objective o : e.objectives()) {
            text.append(o.name()).append(' ').append(Arrays.toString(o.vars())).append(' ')
                    .append(Arrays.toString(o.coefficients())).append('\n');
        }
        return text.toString();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException x) {
            throw new IllegalStateException("every JVM has SHA-256", x);
        }
    }
}
