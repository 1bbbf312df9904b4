package io.cocoatly.examples.audit;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An SPDX license expression, as a manifest's {@code license} holds it: {@code MIT},
 * {@code MIT OR Apache-2.0}, {@code (MIT OR Apache-2.0) AND BSD-3-Clause},
 * {@code GPL-2.0-only WITH Classpath-exception-2.0}. {@code WITH} binds tightest, then {@code AND}, then
 * {@code OR} (SPDX 2.3, annex D); operators are all upper case or all lower case.
 *
 * <p>What a deny list makes of it ({@link #denied}): a licence id is denied when the list has it; an
 * {@code OR} only when every alternative is (the user may take the package under any one of them);
 * an {@code AND} as soon as one part is (the package comes under all of them). {@code X WITH E} is
 * judged by {@code X}: an exception adds permissions to a licence, the deny list names licences.
 */
sealed interface LicenseExpression {

    /**
     * The licence ids that make this expression denied under {@code listed}, in the order written;
     * empty when it is allowed.
     */
    List<String> denied(Predicate<String> listed);

    /** Parses {@code text}; throws {@link IllegalArgumentException} saying what is wrong. */
    static LicenseExpression parse(String text) {
        return new Parser(text).parse();
    }

    /**
     * One licence id, as written ({@code GPL-2.0+} and {@code GPL-2.0-or-later} are ids of their own).
     *
     * @param id        the licence id or {@code LicenseRef-…}
     * @param exception the {@code WITH} exception, or null
     */
    record Id(String id, String exception) implements LicenseExpression {
        @Override
        public List<String> denied(Predicate<String> listed) {
            return listed.test(id) ? List.of(id) : List.of();
        }
    }

    /** Every part applies: denied when any part is. */
    record And(List<LicenseExpression> parts) implements LicenseExpression {
        @Override
        public List<String> denied(Predicate<String> listed) {
            Set<String> ids = new LinkedHashSet<>();
            parts.forEach(p -> ids.addAll(p.denied(listed)));
            return List.copyOf(ids);
        }
    }

    /** Any one part may be chosen: denied only when every part is. */
    record Or(List<LicenseExpression> parts) implements LicenseExpression {
        @Override
        public List<String> denied(Predicate<String> listed) {
            Set<String> ids = new LinkedHashSet<>();
            for (LicenseExpression p : parts) {
                List<String> d = p.denied(listed);
                if (d.isEmpty()) {
                    return List.of();
                }
                ids.addAll(d);
            }
            return List.copyOf(ids);
        }
    }

    /** Recursive descent over the tokens: or := and (OR and)*; and := with (AND with)*; with := atom [WITH id]. */
    final class Parser {
        private static final Pattern TOKEN = Pattern.compile("\\s*(\\(|\\)|[A-Za-z0-9.+:-]+)");
        private final String text;
        private final List<String> tokens = new ArrayList<>();
        private int next;

        Parser(String text) {
            this.text = text;
            Matcher m = TOKEN.matcher(text);
            int end = 0;
            while (m.find() && m.start() == end) {
                tokens.add(m.group(1));
                end = m.end();
            }
            if (!text.substring(end).isBlank()) {
                throw new IllegalArgumentException("`" + text + "` is not an SPDX expression: unexpected `"
                        + text.substring(end).strip() + "`");
            }
            boolean upper = tokens.stream().anyMatch(t -> t.equals("AND") || t.equals("OR") || t.equals("WITH"));
            boolean lower = tokens.stream().anyMatch(t -> t.equals("and") || t.equals("or") || t.equals("with"));
            if (upper && lower) {
                throw new IllegalArgumentException("`" + text + "` mixes upper- and lower-case operators");
            }
        }

        LicenseExpression parse() {
            if (tokens.isEmpty()) {
                throw new IllegalArgumentException("an empty licence expression");
            }
            LicenseExpression e = or();
            if (next < tokens.size()) {
                throw fail("unexpected `" + tokens.get(next) + "`");
            }
            return e;
        }

        private LicenseExpression or() {
            List<LicenseExpression> parts = new ArrayList<>(List.of(and()));
            while (at("OR")) {
                next++;
                parts.add(and());
            }
            return parts.size() == 1 ? parts.get(0) : new Or(List.copyOf(parts));
        }

        private LicenseExpression and() {
            List<LicenseExpression> parts = new ArrayList<>(List.of(with()));
            while (at("AND")) {
                next++;
                parts.add(with());
            }
            return parts.size() == 1 ? parts.get(0) : new And(List.copyOf(parts));
        }

        private LicenseExpression with() {
            if (next < tokens.size() && tokens.get(next).equals("(")) {
                next++;
                LicenseExpression inner = or();
                if (next >= tokens.size() || !tokens.get(next).equals(")")) {
                    throw fail("a `(` is not closed");
                }
                next++;
                return inner;
            }
            String id = id();
            if (at("WITH")) {
                next++;
                return new Id(id, id());
            }
            return new Id(id, null);
        }

        private String id() {
            if (next >= tokens.size()) {
                throw fail("a licence id is missing at the end");
            }
            String t = tokens.get(next);
            if (t.equals("(") || t.equals(")") || isOperator(t)) {
                throw fail("a licence id is missing before `" + t + "`");
            }
            next++;
            return t;
        }

        private boolean at(String operator) {
            return next < tokens.size() && tokens.get(next).equalsIgnoreCase(operator) && isOperator(tokens.get(next));
        }

        private static boolean isOperator(String t) {
            return List.of("AND", "OR", "WITH", "and", "or", "with").contains(t);
        }

        private IllegalArgumentException fail(String what) {
            return new IllegalArgumentException("`" + text + "` is not an SPDX expression: " + what);
        }
    }
}
