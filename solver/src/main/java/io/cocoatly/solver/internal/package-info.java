/**
 * The resolver's internals: loading ({@code Universe}), the pseudo-boolean encoding with a typed
 * reason per constraint ({@code Encoder}, {@code Encoding}, {@code Reason}), optimisation
 * ({@code Greedy}, {@code Bounds}, {@code Dominance}, {@code Optimizer}), minimal conflicts
 * ({@code Explainer}) and the registry check ({@code Check}). {@code Sat} is the only class that
 * touches sat4j. The logic is written down in {@code docs/encoding.md}. Public only so that the API
 * package can call it; nothing outside the solver module should.
 */
package io.cocoatly.solver.internal;
