package io.cocoatly.model;

import io.cocoatly.model.Constraint.Op;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses a node-semver requirement (strict mode) into {@link Constraint}s, one list per
 * {@code ||}-alternative, desugaring carets, tildes, x-ranges and hyphen ranges exactly as node-semver
 * v7 does ({@code replaceCaret}, {@code replaceTilde}, {@code replaceXRange}, {@code hyphenReplace}).
 * The grammar is written down in {@code docs/versions.md}.
 */
final class RequirementParser {

    private static final String COMPARATOR = "a version or a comparison such as `^1.2.3` or `>=1.0.0`";
    private static final String SEPARATOR = "whitespace, `,`, `||` or the end of the requirement";

    private final VersionScanner s;

    private RequirementParser(String text) {
        this.s = new VersionScanner(text, 0, "requirement");
    }

    /**
     * The alternatives of {@code text}; an alternative is the list of its constraints, and an empty
     * list means {@code *}.
     */
    static List<List<Constraint>> parse(String text) {
        RequirementParser parser = new RequirementParser(text);
        List<List<Constraint>> alternatives = new ArrayList<>();
        do {
            alternatives.add(parser.alternative());
        } while (parser.acceptOr());
        parser.s.expectEnd();
        return alternatives;
    }

    private boolean acceptOr() {
        if (s.peek() == '|' && s.position() + 1 < s.text().length() && s.text().charAt(s.position() + 1) == '|') {
            s.position(s.position() + 2);
            return true;
        }
        return false;
    }

    private boolean atAlternativeEnd() {
        return s.atEnd() || s.peek() == '|';
    }

    /** At the end of the input or of an alternative: fails on a lone {@code |}. */
    private void expectAlternativeEnd(String expected) {
        if (!s.atEnd() && !s.text().startsWith("||", s.position())) {
            throw s.error(expected);
        }
    }

    private List<Constraint> alternative() {
        List<Constraint> constraints = new ArrayList<>();
        skipSpace();
        if (atAlternativeEnd()) {
            expectAlternativeEnd(COMPARATOR);
            return constraints;
        }
        String op = operator();
        Partial first = partial(op);
        boolean spaced = skipSpace();
        if (op.isEmpty() && spaced && s.peek() == '-') {
            return hyphenRange(first);
        }
        desugar(op, first, constraints);
        while (true) {
            if (s.accept(',')) {
                skipSpace();
            } else if (atAlternativeEnd()) {
                expectAlternativeEnd("`||` between alternatives (a single `|` means nothing)");
                return constraints;
            } else if (!spaced) {
                throw s.error(SEPARATOR);
            }
            op = operator();
            desugar(op, partial(op), constraints);
            spaced = skipSpace();
        }
    }

    /** {@code A - B}, positioned at the {@code -}; the whole alternative. */
    private List<Constraint> hyphenRange(Partial from) {
        s.accept('-');
        if (!skipSpace()) {
            throw s.error("whitespace and the upper bound of the hyphen range");
        }
        if (atAlternativeEnd()) {
            throw s.error("the upper bound of the hyphen range");
        }
        Partial to = partial("-");
        List<Constraint> constraints = new ArrayList<>();
        add(constraints, from.lower());
        add(constraints, to.upperInclusive());
        skipSpace();
        if (!atAlternativeEnd()) {
            throw s.error("`||` or the end of the requirement after a hyphen range");
        }
        expectAlternativeEnd("`||` or the end of the requirement after a hyphen range");
        return constraints;
    }

    private String operator() {
        int start = s.position();
        if (s.accept('>') || s.accept('<')) {
            s.accept('=');
        } else if (s.accept('~')) {
            s.accept('>');
        } else if (!s.accept('^')) {
            s.accept('=');
        }
        String op = s.text().substring(start, s.position());
        skipSpace();
        return op;
    }

    private void desugar(String op, Partial v, List<Constraint> out) {
        switch (op) {
            case "", "=" -> v.exact(out);
            case "^" -> v.caret(out);
            case "~", "~>" -> v.tilde(out);
            default -> v.compare(op, out);
        }
    }

    /** A version with up to three components, each a number or {@code x}, {@code X}, {@code *}. */
    private Partial partial(String op) {
        if (!(s.peek() == 'v' || Character.isDigit(s.peek()) || isWildcard(s.peek()))) {
            throw s.error(op.isEmpty() ? COMPARATOR : "a version after `" + op + "`");
        }
        s.accept('v');
        Long[] numbers = new Long[3];
        String[] names = {"major", "minor", "patch"};
        int given = 0;
        for (int i = 0; i < 3; i++) {
            if (i > 0 && !s.accept('.')) {
                break;
            }
            given++;
            if (isWildcard(s.peek())) {
                s.position(s.position() + 1);
            } else if (Character.isDigit(s.peek())) {
                numbers[i] = s.number("the " + names[i] + " version number");
            } else {
                throw s.error("the " + names[i] + " version number, `x` or `*`");
            }
        }
        int numeric = 0;
        while (numeric < given && numbers[numeric] != null) {
            numeric++;
        }
        List<String> prerelease = List.of();
        if (given == 3) {
            if (s.accept('-')) {
                prerelease = s.identifiers(true);
            }
            if (s.accept('+')) {
                s.identifiers(false);
            }
        } else if (s.peek() == '-' && s.position() + 1 < s.text().length()
                && VersionScanner.isIdentifierChar(s.text().charAt(s.position() + 1))) {
            throw s.error("`.` and the " + names[given] + " version number (a prerelease needs all three numbers)");
        }
        long major = numeric > 0 ? numbers[0] : 0;
        long minor = numeric > 1 ? numbers[1] : 0;
        long patch = numeric > 2 ? numbers[2] : 0;
        Version version = Version.of(major, minor, patch).with(numeric == 3 ? prerelease : List.of(), List.of());
        return new Partial(numeric, version);
    }

    private static boolean isWildcard(char c) {
        return c == 'x' || c == 'X' || c == '*';
    }

    /** Skips spaces and tabs; whether there were any. */
    private boolean skipSpace() {
        int start = s.position();
        while (!s.atEnd() && Character.isWhitespace(s.peek())) {
            s.position(s.position() + 1);
        }
        return s.position() > start;
    }

    private static void add(List<Constraint> out, Constraint c) {
        if (c != null) {
            out.add(c);
        }
    }

    /**
     * A parsed partial version: its {@code numeric} leading components (0 to 3) are numbers, the rest
     * are wildcards or missing, and {@code version} has the wildcards replaced by zeros. Node-semver
     * treats everything after the first wildcard as a wildcard, and drops a prerelease unless all three
     * components are numbers.
     */
    private record Partial(int numeric, Version version) {

        long major() {
            return version.major();
        }

        long minor() {
            return version.minor();
        }

        /** The smallest version above every {@code M.x}: {@code (M+1).0.0}, or null on overflow. */
        Version nextMajor() {
            return major() == Long.MAX_VALUE ? null : Version.of(major() + 1, 0, 0);
        }

        /** The smallest version above every {@code M.m.x}, carrying into the major on overflow. */
        Version nextMinor() {
            return minor() == Long.MAX_VALUE ? nextMajor() : Version.of(major(), minor() + 1, 0);
        }

        /** The version just above all that this partial matches as an x-range. */
        Version afterWildcard() {
            return switch (numeric) {
                case 1 -> nextMajor();
                case 2 -> nextMinor();
                default -> version.nextRelease();
            };
        }

        /** hyphenReplace's lower bound: {@code >=M.m.p[-pr]} with wildcards as zeros; nothing for {@code *}. */
        Constraint lower() {
            return numeric == 0 ? null : Constraint.of(Op.GE, version);
        }

        /** hyphenReplace's upper bound: a partial includes all it matches, a full version itself. */
        Constraint upperInclusive() {
            if (numeric == 0) {
                return null;
            }
            return numeric == 3 ? Constraint.of(Op.LE, version) : Constraint.below(afterWildcard());
        }

        /** {@code 1.2.3}, {@code =1.2.3}, {@code 1.2} ({@code >=1.2.0 <1.3.0-0}), {@code *}. */
        void exact(List<Constraint> out) {
            if (numeric == 3) {
                out.add(Constraint.of(Op.EQ, version));
            } else if (numeric > 0) {
                add(out, Constraint.of(Op.GE, version));
                add(out, Constraint.below(afterWildcard()));
            }
        }

        void caret(List<Constraint> out) {
            if (numeric == 0) {
                return;
            }
            add(out, Constraint.of(Op.GE, version));
            Version upper;
            if (numeric == 1 || major() > 0) {
                upper = nextMajor();
            } else if (numeric == 2 || minor() > 0) {
                upper = nextMinor();
            } else {
                upper = version.nextRelease();
            }
            add(out, Constraint.below(upper));
        }

        void tilde(List<Constraint> out) {
            if (numeric == 0) {
                return;
            }
            add(out, Constraint.of(Op.GE, version));
            add(out, Constraint.below(numeric == 1 ? nextMajor() : nextMinor()));
        }

        /** {@code >}, {@code >=}, {@code <}, {@code <=} with replaceXRange's treatment of partials. */
        void compare(String op, List<Constraint> out) {
            if (numeric == 3) {
                add(out, Constraint.of(switch (op) {
                    case ">" -> Op.GT;
                    case ">=" -> Op.GE;
                    case "<" -> Op.LT;
                    default -> Op.LE;
                }, version));
            } else if (numeric == 0) {
                if (op.equals(">") || op.equals("<")) {
                    out.add(Constraint.below(Constraint.ZERO));
                }
            } else {
                switch (op) {
                    case ">" -> out.add(Constraint.atLeast(afterWildcard()));
                    case ">=" -> add(out, Constraint.of(Op.GE, version));
                    case "<" -> add(out, Constraint.below(version));
                    default -> add(out, Constraint.below(afterWildcard()));
                }
            }
        }
    }
}
