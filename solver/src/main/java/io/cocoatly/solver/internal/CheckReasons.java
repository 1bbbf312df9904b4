package io.cocoatly.solver.internal;

import io.cocoatly.model.Dependency;
import io.cocoatly.model.Manifest;
import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageIndex;
import io.cocoatly.model.Release;
import io.cocoatly.model.VersionPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Why a version cannot be installed, in words, for {@link Check}. */
final class CheckReasons {

    private CheckReasons() {
    }

    /** "`p@v` depends on ..." reads "depends on ..." in a line that already starts with p@v. */
    static String withoutSubject(PackageId id, String text) {
        String subject = "`" + id + "` ";
        return text.startsWith(subject) ? text.substring(subject.length()) : text;
    }

    /**
     * Resolves {@code release} as a root with guarded constraints and names a minimal conflict, matching
     * ranges through {@code matches}.
     */
    static String explain(PackageIndex index, Release release, VersionPolicy policy, Matches matches) {
        Manifest root = new Manifest(release.name(), release.version(), release.dependencies());
        Preferences none = Preferences.of(List.of(), policy);
        Universe universe = Universe.forRoot(index, root.name(), root.dependencies(), none, matches);
        Encoding e = Encoder.forResolve(universe, root, none, policy, true, index.name());
        PackageId id = release.id();
        return describe(id, Explainer.conflict(e, Budget.of(Optional.empty()),
                c -> Encoding.requirementOf(id, c.reason()) != null));
    }

    /** The dependencies of {@code root} in the conflict, and the packages it is about. */
    static String describe(PackageId root, List<Reason> conflict) {
        if (conflict.size() == 1 && !(conflict.get(0) instanceof Reason.RootRequirement)) {
            // A requirement with no match at all: the direct cause says more than "cannot be satisfied".
            return withoutSubject(root, conflict.get(0).describe());
        }
        List<String> dependencies = new ArrayList<>();
        List<String> over = new ArrayList<>();
        List<String> facts = new ArrayList<>();
        for (Reason r : conflict) {
            Dependency d = Encoding.requirementOf(root, r);
            if (d != null) {
                dependencies.add("`" + d + "`");
            } else if (r instanceof Reason.AtMostOneVersion a) {
                over.add("`" + a.name() + "`");
            } else if (!(r instanceof Reason.DependencyOf)) {
                facts.add(withoutSubject(root, r.describe()));
            }
        }
        StringBuilder text = new StringBuilder();
        if (dependencies.size() == 1) {
            text.append("dependency ").append(dependencies.get(0)).append(" cannot be satisfied");
        } else {
            text.append("dependencies ").append(String.join(", ", dependencies)).append(" cannot be satisfied together");
        }
        if (!over.isEmpty()) {
            text.append(" (conflict over ").append(String.join(", ", over)).append(')');
        }
        for (String fact : facts) {
            text.append("; ").append(fact);
        }
        return text.toString();
    }
}
