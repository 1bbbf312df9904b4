package io.cocoatly.cli;

import io.cocoatly.model.Dependency;
import io.cocoatly.model.PackageId;
import io.cocoatly.solver.Explanation;
import io.cocoatly.solver.ExplanationText;
import io.cocoatly.solver.SelectionExplanation;
import io.cocoatly.solver.SelectionText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Explanations as JSON-ready maps: {@code error.explanation} on failure, {@code data.explanation} on success. */
final class ExplanationJson {

    private ExplanationJson() {
    }

    /** {@code {"constraints": [...], "derivation": [...], "suggestions": [...]}}. */
    static Map<String, Object> of(Explanation x) {
        List<Object> constraints = new ArrayList<>();
        for (Explanation.Fact f : x.facts()) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("kind", f.kind().json());
            c.put("package", f.pkg().value());
            c.put("versions", f.versions().toString());
            c.put("dependency", f.dependency().map(d -> d.name().value()).orElse(null));
            c.put("requirement", f.dependency().map(Dependency::requirement).orElse(null));
            if (!f.available().isEmpty()) {
                c.put("available", f.available().stream().map(Object::toString).toList());
            }
            if (!f.yanked().isEmpty()) {
                c.put("yanked", f.yanked().stream().map(Object::toString).toList());
            }
            if (!f.detail().isEmpty()) {
                // The registry of a missing package, the class of a per-class at-most-one, the version
                // of a self-conflict, or "merged" for a requirement joined from several versions' own.
                c.put("detail", f.detail());
            }
            List<io.cocoatly.solver.RequirementOrigin> origins = x.originsOf(f);
            if (!origins.isEmpty()) {
                // In a workspace: the members whose manifests declare this root requirement.
                List<Object> declaredBy = new ArrayList<>();
                for (io.cocoatly.solver.RequirementOrigin o : origins) {
                    Map<String, Object> origin = new LinkedHashMap<>();
                    origin.put("member", o.member().value());
                    origin.put("path", o.path());
                    declaredBy.add(origin);
                }
                c.put("declared-by", declaredBy);
            }
            constraints.add(c);
        }
        List<Object> derivation = new ArrayList<>();
        for (Explanation.Step s : x.derivation()) {
            Map<String, Object> step = new LinkedHashMap<>();
            step.put("facts", s.facts());
            step.put("steps", s.steps());
            Explanation.Statement c = s.conclusion();
            step.put("subject", c.subject().value());
            step.put("versions", c.versions().toString());
            step.put("requires", c.requires().map(Dependency::toString).orElse(null));
            derivation.add(step);
        }
        List<Object> suggestions = new ArrayList<>();
        for (Explanation.Suggestion s : x.suggestions()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("change", ExplanationText.change(x, s));
            m.put("result", s.result().stream().map(PackageId::toString).toList());
            suggestions.add(m);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("constraints", constraints);
        m.put("derivation", derivation);
        m.put("suggestions", suggestions);
        return m;
    }

    /** Per selected package: {@code {"package", "paths": [...], "why-not": {...} | null}}. */
    static List<Object> of(SelectionExplanation x) {
        List<Object> result = new ArrayList<>();
        for (SelectionExplanation.Selected s : x.packages()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("package", s.id().toString());
            m.put("paths", s.paths().stream().map(p -> SelectionText.path(x.root(), p)).toList());
            m.put("why-not", s.whyNot().map(w -> {
                Map<String, Object> why = new LinkedHashMap<>();
                why.put("version", w.newer().toString());
                why.put("kind", w.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
                why.put("level", w.level().isEmpty() ? null : w.level());
                why.put("reason", SelectionText.whyNot(x, s.id(), w));
                return why;
            }).orElse(null));
            result.add(m);
        }
        return result;
    }

    /** The terminal width: {@code COLUMNS} from the environment if at least 40, else 100. */
    static int width(Context context) {
        int w = context.console().columns().orElse(100);
        return w >= 40 ? w : 100;
    }

    /** The prose without the trailing newline. */
    static String prose(Explanation x, int width) {
        return ExplanationText.render(x, width).stripTrailing();
    }
}
