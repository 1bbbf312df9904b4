package io.cocoatly.solver;

import io.cocoatly.model.Dependency;
import io.cocoatly.solver.Explanation.Fact;
import io.cocoatly.solver.Explanation.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Says a list of facts as chains, the way pub does: "demo depends on db ^0.8, which depends on tls
 * ^1.9, which requires ring ^0.16" instead of three separate facts. A fact continues a chain only when
 * it speaks of every version the previous requirement allows, so "which" stays true; facts that do not
 * chain are said on their own.
 */
final class FactChains {

    private FactChains() {
    }

    /** The facts as clauses, chained where they link, in the order of each chain's first fact. */
    static List<String> clauses(Explanation x, List<Fact> facts) {
        boolean[] used = new boolean[facts.size()];
        List<String> clauses = new ArrayList<>();
        for (int start = 0; start < facts.size(); start++) {
            if (used[start] || hasPredecessor(facts, used, start)) {
                continue;
            }
            clauses.add(chain(x, facts, used, start));
        }
        // Only cycles are left: start them anywhere.
        for (int start = 0; start < facts.size(); start++) {
            if (!used[start]) {
                clauses.add(chain(x, facts, used, start));
            }
        }
        return sharingSubjects(clauses);
    }

    /** "web 2.2.0 depends on json ^3 and on template ^2.1" instead of naming web 2.2.0 twice. */
    private static List<String> sharingSubjects(List<String> clauses) {
        String verb = " depends on ";
        List<String> result = new ArrayList<>();
        for (String clause : clauses) {
            int at = clause.indexOf(verb);
            boolean merged = false;
            for (int i = 0; i < result.size() && at > 0; i++) {
                String earlier = result.get(i);
                if (earlier.startsWith(clause.substring(0, at + verb.length())) && !earlier.contains(" and on ")) {
                    result.set(i, earlier + (earlier.contains(", which ") ? ", and on " : " and on ")
                            + clause.substring(at + verb.length()));
                    merged = true;
                    break;
                }
            }
            if (!merged) {
                result.add(clause);
            }
        }
        return result;
    }

    private static String chain(Explanation x, List<Fact> facts, boolean[] used, int start) {
        used[start] = true;
        Fact current = facts.get(start);
        StringBuilder text = new StringBuilder(ExplanationText.fact(x, current)).append(consequence(current));
        for (int next = successor(facts, used, current); next >= 0; next = successor(facts, used, current)) {
            used[next] = true;
            current = facts.get(next);
            Dependency d = current.dependency().orElseThrow();
            text.append(", which ").append(verb(current)).append(' ').append(d.name()).append(' ')
                    .append(d.requirement()).append(consequence(current));
            text.append(ExplanationText.selfConflict(current));
        }
        return text.toString();
    }

    private static boolean hasPredecessor(List<Fact> facts, boolean[] used, int i) {
        for (int j = 0; j < facts.size(); j++) {
            if (j != i && !used[j] && links(facts.get(j), facts.get(i))) {
                return true;
            }
        }
        return false;
    }

    private static int successor(List<Fact> facts, boolean[] used, Fact from) {
        for (int j = 0; j < facts.size(); j++) {
            if (!used[j] && links(from, facts.get(j))) {
                return j;
            }
        }
        return -1;
    }

    /** Whether {@code to} speaks of every version that {@code from}'s requirement allows. */
    private static boolean links(Fact from, Fact to) {
        if (from.kind() != Kind.ROOT_REQUIREMENT && from.kind() != Kind.DEPENDENCY) {
            return false;
        }
        if (to.kind() == Kind.ROOT_REQUIREMENT || to.kind() == Kind.AT_MOST_ONE || to.dependency().isEmpty()) {
            return false;
        }
        Optional<Dependency> d = from.dependency();
        return d.isPresent() && d.get().name().equals(to.pkg())
                && (to.all() || d.get().range().isSubsetOf(to.versions()));
    }

    private static String verb(Fact f) {
        return ExplanationText.requires(f) ? "requires" : "depends on";
    }

    /** What makes a fact that ends a chain rule something out, e.g. ", which does not exist". */
    static String consequence(Fact f) {
        switch (f.kind()) {
            case MISSING:
                return ", which does not exist";
            case NO_MATCH:
                return ", which no version matches";
            case YANKED:
                return ", which only yanked versions match";
            default:
                return "";
        }
    }
}
