/**
 * Test support shared by every module's tests and by the benchmarks, written once:
 * <ul>
 *   <li>{@link io.cocoatly.testkit.ScenarioReader} reads the {@code *.scenario} files of
 *       {@code testdata/scenarios} (format in docs/scenarios.md) into {@link io.cocoatly.testkit.Scenario}
 *       records, whose registry is an {@link io.cocoatly.testkit.InMemoryIndex};</li>
 *   <li>{@link io.cocoatly.testkit.GoldenFile} compares output with golden files, with one switch,
 *       {@code -Dcocoatly.regenerate=true}, that rewrites them all;</li>
 *   <li>{@link io.cocoatly.testkit.TestRegistry} builds signed registries of real archives, and
 *       {@link io.cocoatly.testkit.FileServer} serves a directory over HTTP on loopback;</li>
 *   <li>{@link io.cocoatly.testkit.TestData} finds the repository's {@code testdata/};</li>
 *   <li>for the crash loops, {@link io.cocoatly.testkit.CrashChild} starts child JVMs that take
 *       their command once started, and {@link io.cocoatly.testkit.FileTree} describes an installed
 *       tree (sizes, SHA-256, link targets) without the installer's code.</li>
 * </ul>
 *
 * <p>A normal jar on the test class path of {@code config}, {@code transport}, {@code installer},
 * {@code project}, {@code solver} and {@code cli}, and on the compile class path of {@code benchmarks}.
 * It depends on {@code model}, {@code json}, {@code registry}, {@code artifact} and {@code lockfile},
 * so those five cannot use it (Maven forbids the cycle even at test scope) and keep their own small
 * fixtures. It never ships in the {@code cocoatly} CLI.
 */
package io.cocoatly.testkit;
