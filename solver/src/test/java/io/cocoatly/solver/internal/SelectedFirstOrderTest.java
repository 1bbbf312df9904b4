package io.cocoatly.solver.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sat4j.minisat.constraints.cnf.Lits;

/**
 * {@link SelectedFirstOrder} over sat4j's own vocabulary: at the start of a call (sat4j's {@code init},
 * where every activity is 0) the marked variables are handed out before any other, and with none
 * marked the heap's own order stands.
 */
class SelectedFirstOrderTest {

    private static final int VARIABLES = 12;

    @Test
    void theMarkedVariablesAreDecidedFirst() {
        boolean[] first = new boolean[VARIABLES + 1];
        first[4] = true;
        first[9] = true;
        first[11] = true;
        assertEquals(Set.of(4, 9, 11), firstDecided(first, 3));
    }

    @Test
    void withNoneMarkedTheHeapDecidesAsSat4jDoes() {
        Set<Integer> marked = Set.of(4, 9, 11);
        assertNotEquals(marked, firstDecided(new boolean[0], 3));
    }

    /** The variables of the first {@code n} decisions after a call starts. */
    private static Set<Integer> firstDecided(boolean[] first, int n) {
        Lits lits = new Lits();
        lits.init(VARIABLES + 1);
        for (int v = 1; v <= VARIABLES; v++) {
            lits.getFromPool(v);
        }
        SelectedFirstOrder order = new SelectedFirstOrder(new GuidedPhase());
        order.setLits(lits);
        order.first(first);
        order.init();
        Set<Integer> decided = new HashSet<>();
        for (int i = 0; i < n; i++) {
            // sat4j's literal: 2v for x(v), 2v + 1 for its negation.
            decided.add(order.select() >> 1);
        }
        return decided;
    }
}
