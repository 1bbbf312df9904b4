/**
 * Performance measurements: a lazily parsed view of the crates.io 2019 index
 * ({@link io.cocoatly.benchmarks.CratesIndex}), the report tool that prints the figures quoted in
 * {@code docs/performance.md} ({@link io.cocoatly.benchmarks.CratesReport}), a seeded generator of
 * synthetic registries, and the JMH benchmarks. Nothing here is used by the other modules.
 */
package io.cocoatly.benchmarks;
