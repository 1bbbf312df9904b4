package io.cocoatly.solver;

import io.cocoatly.model.Dependency;
import io.cocoatly.model.Manifest;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Release;
import io.cocoatly.model.Version;
import io.cocoatly.solver.Explanation.Fact;
import io.cocoatly.solver.Explanation.Kind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sat4j.core.VecInt;
import org.sat4j.pb.IPBSolver;
import org.sat4j.pb.SolverFactory;
import org.sat4j.specs.ContradictionException;
import org.sat4j.specs.TimeoutException;

/**
 * Decides whether a set of explanation facts can hold together, reading each fact as the statement it
 * makes about the registry ("every version of p in R depends on q S", "at most one version of p", ...),
 * independently of the solver's encoder. One-version-per-package, nothing pinned: yanked versions never
 * satisfy a requirement.
 */
final class FactChecker {

    private final Map<PackageName, List<Release>> registry;
    private final Manifest root;
    private final Map<String, Integer> vars = new HashMap<>();

    FactChecker(Map<PackageName, List<Release>> registry, Manifest root) {
        this.registry = registry;
        this.root = root;
        for (List<Release> releases : registry.values()) {
            for (Release r : releases) {
                vars.put(r.id().toString(), vars.size() + 1);
            }
        }
    }

    boolean satisfiable(List<Fact> facts) {
        IPBSolver solver = SolverFactory.newDefault();
        solver.newVar(Math.max(1, vars.size()));
        try {
            for (Fact f : facts) {
                add(solver, f);
            }
            return solver.isSatisfiable();
        } catch (ContradictionException e) {
            return false;
        } catch (TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    private void add(IPBSolver solver, Fact f) throws ContradictionException {
        boolean atRoot = f.pkg().equals(root.name());
        if (f.kind() == Kind.AT_MOST_ONE) {
            VecInt lits = new VecInt();
            VecInt ones = new VecInt();
            for (Release r : registry.getOrDefault(f.pkg(), List.of())) {
                lits.push(vars.get(r.id().toString()));
                ones.push(1);
            }
            if (lits.size() > 1) {
                solver.addAtMost(lits, ones, 1);
            }
            return;
        }
        Dependency d = f.dependency().orElseThrow();
        List<Integer> subjects = new ArrayList<>();
        if (!atRoot) {
            for (Release r : registry.getOrDefault(f.pkg(), List.of())) {
                if (f.versions().contains(r.version())) {
                    subjects.add(vars.get(r.id().toString()));
                }
            }
        }
        boolean requirement = f.kind() == Kind.ROOT_REQUIREMENT || f.kind() == Kind.DEPENDENCY;
        List<Integer> targets = requirement ? targets(d) : List.of();
        if (atRoot) {
            if (requirement && d.name().equals(root.name()) && d.range().contains(root.version())) {
                return;
            }
            solver.addClause(new VecInt(targets.stream().mapToInt(Integer::intValue).toArray()));
            return;
        }
        for (int s : subjects) {
            VecInt clause = new VecInt();
            clause.push(-s);
            targets.forEach(clause::push);
            solver.addClause(clause);
        }
    }

    private List<Integer> targets(Dependency d) {
        List<Integer> result = new ArrayList<>();
        for (Release r : registry.getOrDefault(d.name(), List.of())) {
            if (!r.yanked() && d.range().contains(r.version())) {
                result.add(vars.get(r.id().toString()));
            }
        }
        return result;
    }

}
