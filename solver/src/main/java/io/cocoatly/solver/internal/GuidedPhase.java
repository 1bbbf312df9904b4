package io.cocoatly.solver.internal;

import java.util.Arrays;
import org.sat4j.minisat.core.IPhaseSelectionStrategy;

/**
 * Phase selection for solution-guided search: each decision first tries the value the variable has in
 * a guide assignment (a greedy first solution, later the best model so far), and otherwise the value
 * it last had (phase saving, as in RSAT). When the guide is itself a model, the solver walks straight
 * to it without a conflict; when it is close, the search stays close.
 *
 * <p>Unlike sat4j's strategies, {@link #init(int)} keeps the phases already set: sat4j calls it at the
 * start of every {@code isSatisfiable}, and the guide must survive that. Nothing here is random.
 */
final class GuidedPhase implements IPhaseSelectionStrategy {

    private static final long serialVersionUID = 1L;

    /** sat4j's internal literal per variable: {@code 2v} true, {@code 2v+1} false. */
    private int[] phase = new int[0];

    @Override
    public void init(int nlength) {
        if (phase.length < nlength) {
            int old = phase.length;
            phase = Arrays.copyOf(phase, nlength);
            for (int v = old; v < nlength; v++) {
                phase[v] = (v << 1) | 1;
            }
        }
    }

    @Override
    public void init(int var, int p) {
        phase[var] = p;
    }

    /** Sets {@code var} to try {@code value} first (after {@link #init(int)} for at least {@code var + 1}). */
    void prefer(int var, boolean value) {
        phase[var] = value ? var << 1 : (var << 1) | 1;
    }

    @Override
    public void assignLiteral(int p) {
        int var = p >> 1;
        if (var < phase.length) {
            phase[var] = p;
        }
    }

    @Override
    public int select(int var) {
        return var < phase.length ? phase[var] : (var << 1) | 1;
    }

    @Override
    public void updateVar(int p) {
        // Activity bumps do not change the preferred phase.
    }

    @Override
    public void updateVarAtDecisionLevel(int q) {
        // Phases are recorded on assignment only.
    }

    @Override
    public String toString() {
        return "guided phase with phase saving";
    }
}
