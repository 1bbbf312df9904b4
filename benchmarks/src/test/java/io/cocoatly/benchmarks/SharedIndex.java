package io.cocoatly.benchmarks;

/** The crates.io index opened once per test JVM: opening decompresses 54 MB. */
final class SharedIndex {

    static final CratesIndex INDEX = CratesIndex.open();

    private SharedIndex() {
    }
}
