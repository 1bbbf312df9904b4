package io.cocoatly.solver.internal;

/**
 * One optimisation level: minimise {@code Σ coefficients[i]·x(vars[i])}. Terms with coefficient 0
 * are left out, so a level whose every term is 0 has no terms at all.
 *
 * @param name the level's name as reported in the objective vector
 */
public record Objective(String name, int[] vars, int[] coefficients) {

    public long cost(boolean[] model) {
        long sum = 0;
        for (int i = 0; i < vars.length; i++) {
            if (model[vars[i]]) {
                sum += coefficients[i];
            }
        }
        return sum;
    }

    /** Whether every coefficient is 1: the cost counts the variables that are true. */
    public boolean counts() {
        for (int c : coefficients) {
            if (c != 1) {
                return false;
            }
        }
        return true;
    }

    /** The sum of all coefficients: the cost when every variable is true. */
    public long total() {
        long sum = 0;
        for (int c : coefficients) {
            sum += c;
        }
        return sum;
    }
}
