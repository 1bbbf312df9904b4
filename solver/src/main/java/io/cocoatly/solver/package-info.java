/**
 * The resolver's public API: {@link io.cocoatly.solver.Resolver} turns a
 * {@link io.cocoatly.solver.ResolveRequest} into a {@link io.cocoatly.solver.Resolution} by encoding
 * the constraints as pseudo-boolean SAT and optimising with sat4j. sat4j and jgrapht types never
 * appear here.
 */
package io.cocoatly.solver;
