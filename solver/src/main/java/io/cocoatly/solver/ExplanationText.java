package io.cocoatly.solver;

import io.cocoatly.model.Dependency;
import io.cocoatly.model.PackageId;
import io.cocoatly.model.Version;
import io.cocoatly.solver.Explanation.Fact;
import io.cocoatly.solver.Explanation.Kind;
import io.cocoatly.solver.Explanation.Statement;
import io.cocoatly.solver.Explanation.Step;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Renders an {@link Explanation} as prose in the manner of Dart pub's solver reports: plain sentences
 * for packages and versions that do not exist, then the derivation, one "Because ..., ..." line per
 * step. A line that continues from the one before starts "And because"; the last starts "So, because".
 * A step used again further down is numbered "(n)" and referred to by that number, so nothing is
 * derived twice. Lines are wrapped at the given width with a two-space continuation indent.
 */
public final class ExplanationText {

    /** Keeps a step's number on the line of the words before it; printed as a plain space. */
    private static final char NBSP = '\u00a0';

    /** At most this many members are named as the origin of one requirement. */
    private static final int MAX_ORIGINS = 3;

    /** At most this many selected versions are listed per suggestion. */
    private static final int MAX_LISTED = 10;

    private ExplanationText() {
    }

    /** The explanation as wrapped prose, ending with a newline; no suggestions. */
    public static String render(Explanation x, int width) {
        List<String> lines = new ArrayList<>();
        for (Fact f : x.facts()) {
            String plain = plainSentence(f);
            if (plain != null) {
                lines.add(plain);
            }
        }
        lines.addAll(derivation(x));
        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            out.append(line.isEmpty() ? "" : wrap(line, width)).append('\n');
        }
        return out.toString();
    }

    /** The suggested fixes, one bullet each with what would be selected; empty string if none. */
    public static String suggestions(Explanation x, int width) {
        if (x.suggestions().isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("Possible fixes:\n");
        for (Explanation.Suggestion s : x.suggestions()) {
            String result = s.result().isEmpty() ? "nothing" : s.result().stream().limit(MAX_LISTED)
                    .map(PackageId::toString).collect(Collectors.joining(", "));
            if (s.result().size() > MAX_LISTED) {
                result += " and " + (s.result().size() - MAX_LISTED) + " more";
            }
            out.append(wrap("- " + change(x, s) + ": would select " + result + ".", width)).append('\n');
        }
        return out.toString();
    }

    /**
     * A suggestion's change, naming the members whose manifests it edits when the requirements have
     * origins: "relax `http ^2` to `^1.0.0` in web (apps/web)". An ordinary project's change is
     * {@link Explanation.Suggestion#change()} as it is.
     */
    public static String change(Explanation x, Explanation.Suggestion s) {
        List<RequirementOrigin> origins = s.dependencies().stream()
                .flatMap(d -> x.origins().getOrDefault(d, List.of()).stream()).distinct().toList();
        return origins.isEmpty() ? s.change() : s.change() + " in " + members(origins);
    }

    /** A one-line summary: the packages the conflict is about. */
    public static String summary(Explanation x) {
        Set<String> names = new java.util.TreeSet<>();
        for (Fact f : x.facts()) {
            if (f.kind() != Kind.ROOT_REQUIREMENT) {
                names.add("`" + f.pkg() + "`");
            }
            f.dependency().ifPresent(d -> names.add("`" + d.name() + "`"));
        }
        return String.join(", ", names);
    }

    private static List<String> derivation(Explanation x) {
        List<String> lines = new ArrayList<>();
        List<Step> steps = x.derivation();
        if (steps.isEmpty()) {
            List<String> parts = new ArrayList<>();
            for (Fact f : x.facts()) {
                parts.add(fact(x, f));
            }
            lines.add("Because " + join(parts) + ", no solution exists.");
            return lines;
        }
        int[] number = new int[steps.size()];
        int next = 1;
        for (int i = 0; i < steps.size(); i++) {
            for (int ref : steps.get(i).steps()) {
                if (ref != i - 1 && number[ref] == 0) {
                    number[ref] = -1;
                }
            }
        }
        for (int i = 0; i < steps.size(); i++) {
            if (number[i] == -1) {
                number[i] = next++;
            }
        }
        Set<Integer> factsSaid = new HashSet<>();
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            boolean continues = i > 0 && s.steps().contains(i - 1) && number[i - 1] == 0;
            List<String> premises = new ArrayList<>();
            List<String> atMostOne = new ArrayList<>();
            for (int f : s.facts()) {
                Fact fact = x.facts().get(f);
                // One version per package goes without saying; one per compatibility class does not,
                // since under semver-major two classes may coexist. It reads best after the requirements.
                if (fact.kind() == Kind.AT_MOST_ONE) {
                    if (!fact.detail().isEmpty()) {
                        atMostOne.add(fact(x, fact));
                    }
                    continue;
                }
                premises.add(fact(x, fact));
                factsSaid.add(f);
            }
            for (int ref : s.steps()) {
                if (ref == i - 1 && continues) {
                    continue;
                }
                premises.add(statement(x, steps.get(ref).conclusion()) + NBSP + "(" + number[ref] + ")");
            }
            premises.addAll(atMostOne);
            boolean last = i == steps.size() - 1;
            String lead = continues ? (last ? "So, because " : "And because ") : "Because ";
            String conclusion = statement(x, s.conclusion());
            String line = premises.isEmpty() ? (last ? "So, " : "Thus, ") + conclusion + "."
                    : lead + join(premises) + ", " + conclusion + ".";
            if (number[i] > 0) {
                line += NBSP + "(" + number[i] + ")";
            }
            lines.add(line);
            if (number[i] > 0 && !last) {
                lines.add("");
            }
        }
        return lines;
    }

    private static String plainSentence(Fact f) {
        Dependency d = f.dependency().orElse(null);
        if (f.kind() == Kind.MISSING) {
            return d.name() + " does not exist in registry " + f.detail() + ".";
        }
        if (f.kind() == Kind.NO_MATCH || f.kind() == Kind.YANKED) {
            String available = f.available().isEmpty() ? "none"
                    : f.available().stream().map(Version::toString).collect(Collectors.joining(", "));
            String text = "No version of " + d.name() + " matches " + d.requirement() + "; available: "
                    + available + ".";
            if (!f.yanked().isEmpty()) {
                text = f.yanked().stream().map(v -> d.name() + " " + v).collect(Collectors.joining(", "))
                        + (f.yanked().size() == 1 ? " was" : " were") + " yanked. " + text;
            }
            return text;
        }
        return null;
    }

    static String fact(Explanation x, Fact f) {
        String subject = subject(x, f.pkg().value(), f.versions().toString(), f.all(),
                f.pkg().equals(x.root().name()));
        if (f.kind() == Kind.AT_MOST_ONE) {
            return "at most one version of " + f.pkg() + (f.detail().isEmpty() ? "" : " " + f.detail() + ".x")
                    + " can be selected";
        }
        Dependency d = f.dependency().orElseThrow();
        List<RequirementOrigin> origins = x.originsOf(f);
        if (!origins.isEmpty()) {
            return declaredBy(origins, d) + selfConflict(f);
        }
        String verb = requires(f) ? " requires " : " depends on ";
        String text = subject + verb + d.name() + " " + d.requirement();
        return text + selfConflict(f);
    }

    /**
     * A root requirement said as what the manifests that declare it say: "web (apps/web) depends on
     * http ^2"; a member's own version, which a workspace requires exactly, as "api (libs/api) is 1.0.0".
     */
    private static String declaredBy(List<RequirementOrigin> origins, Dependency d) {
        if (origins.size() == 1 && origins.get(0).member().equals(d.name()) && d.requirement().startsWith("=")) {
            return origins.get(0) + " is " + d.requirement().substring(1);
        }
        return members(origins) + (origins.size() == 1 ? " depends on " : " depend on ") + d.name() + " " + d.requirement();
    }

    /** "web (apps/web), api (libs/api) and core (libs/core)", with at most {@value #MAX_ORIGINS} named. */
    private static String members(List<RequirementOrigin> origins) {
        List<String> names = origins.stream().limit(MAX_ORIGINS).map(RequirementOrigin::toString)
                .collect(Collectors.toCollection(ArrayList::new));
        if (origins.size() > MAX_ORIGINS) {
            // A requirement shared by many members would bury the sentence; the JSON lists them all.
            names.add((origins.size() - MAX_ORIGINS) + " more members");
        }
        return join(names);
    }

    /** For a self-conflict, what it rules out: ", which app 1.2.0 does not satisfy"; else "". */
    static String selfConflict(Fact f) {
        if (f.kind() != Kind.SELF_CONFLICT) {
            return "";
        }
        Dependency d = f.dependency().orElseThrow();
        // A package that requires itself excludes each of its versions by that version, not by one.
        if (d.name().equals(f.pkg()) && (f.all() || !single(f.versions().toString()))) {
            return ", which none of them satisfies";
        }
        return ", which " + d.name() + " " + f.detail() + " does not satisfy";
    }

    /**
     * Whether the fact is said with "requires": a merged fact states the union of what its versions
     * declare (each requires it, none need say it), and a self-conflict over several versions may be
     * merged from several. "Depends on" is kept for what a version literally declares.
     */
    static boolean requires(Fact f) {
        return f.kind() == Kind.DEPENDENCY && f.detail().equals("merged")
                || f.kind() == Kind.SELF_CONFLICT && (f.all() || !single(f.versions().toString()));
    }

    private static String statement(Explanation x, Statement s) {
        if (s.root() && s.requires().isEmpty()) {
            return "no solution exists";
        }
        String subject = subject(x, s.subject().value(), s.versions().toString(), s.all(), s.root());
        if (s.requires().isPresent()) {
            Dependency d = s.requires().get();
            return subject + " requires " + d.name() + " " + d.requirement();
        }
        return subject.startsWith("every version of ") ? "no version of " + subject.substring(17) + " can be selected"
                : subject + " cannot be selected";
    }


    /** Whether a range as printed is one version ("=1.0.0" or "1.0.0"). */
    private static boolean single(String range) {
        return range.startsWith("=") || range.matches("\\d.*") && !range.contains(" ");
    }

    private static String subject(Explanation x, String name, String range, boolean all, boolean root) {
        if (root) {
            return name;
        }
        if (all) {
            return "every version of " + name;
        }
        if (single(range)) {
            return name + " " + (range.startsWith("=") ? range.substring(1) : range);
        }
        return "every version of " + name + " " + range;
    }

    /**
     * "A, B and C"; "A, which X, and B" when a part before the last ends in a relative clause, so the
     * "and" cannot be read as part of it.
     */
    static String join(List<String> parts) {
        if (parts.size() <= 1) {
            return String.join("", parts);
        }
        List<String> head = parts.subList(0, parts.size() - 1);
        String and = head.stream().anyMatch(p -> p.contains(", which ")) ? ", and " : " and ";
        return String.join(", ", head) + and + parts.get(parts.size() - 1);
    }

    /**
     * Greedy word wrap at {@code width} columns; continuation lines get the line's own indentation
     * plus two spaces. Non-breaking spaces keep words together and print as spaces.
     */
    public static String wrap(String line, int width) {
        int indent = 0;
        while (indent < line.length() && line.charAt(indent) == ' ') {
            indent++;
        }
        String lead = line.substring(0, indent);
        StringBuilder out = new StringBuilder(lead);
        int col = indent;
        for (String word : line.substring(indent).split(" ")) {
            if (col > indent && col + 1 + word.length() > width) {
                out.append('\n').append(lead).append("  ");
                col = indent + 2;
            } else if (col > indent) {
                out.append(' ');
                col++;
            }
            out.append(word);
            col += word.length();
        }
        return out.toString().replace(NBSP, ' ');
    }
}
