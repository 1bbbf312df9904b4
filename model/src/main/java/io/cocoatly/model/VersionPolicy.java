package io.cocoatly.model;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * How many versions of one package a selection may hold, and the one table of how each policy is
 * spelled: on the command line ({@code --multiple-versions=one}) and in files (the lockfile's
 * {@code resolver.multiple-versions}, scenario files). Every reader, writer and message goes
 * through this table, so the spellings cannot drift apart.
 *
 * <table>
 *   <caption>Spellings</caption>
 *   <tr><th>policy</th><th>{@link #option()}</th><th>{@link #fileText()}</th></tr>
 *   <tr><td>{@link #ONE_PER_PACKAGE}</td><td>{@code one}</td><td>{@code one-per-package}</td></tr>
 *   <tr><td>{@link #SEMVER_MAJOR}</td><td>{@code semver-major}</td><td>{@code semver-major}</td></tr>
 * </table>
 *
 * <p>The two spellings of {@link #ONE_PER_PACKAGE} predate this table; both stay, because
 * lockfiles and scripts use them.
 */
public enum VersionPolicy {
    /** At most one version of each package (npm-style flat, pub, uv). */
    ONE_PER_PACKAGE("one", "one-per-package"),
    /**
     * Cargo's rule: at most one version per compatibility class (same major for {@code >=1.0.0},
     * same minor for {@code 0.x}, same patch for {@code 0.0.x}); each dependency edge is satisfied
     * within one class.
     */
    SEMVER_MAJOR("semver-major", "semver-major");

    private final String option;
    private final String fileText;

    VersionPolicy(String option, String fileText) {
        this.option = option;
        this.fileText = fileText;
    }

    /** The command-line spelling, the value of {@code --multiple-versions}: {@code one} or {@code semver-major}. */
    public String option() {
        return option;
    }

    /** The spelling in files: {@code one-per-package} or {@code semver-major}. */
    public String fileText() {
        return fileText;
    }

    /**
     * The policy a command-line value names. The file spelling is accepted too, so that
     * {@code --multiple-versions=one-per-package} (as the lockfile says) works.
     */
    public static Optional<VersionPolicy> fromOption(String text) {
        return Arrays.stream(values()).filter(p -> p.option.equals(text) || p.fileText.equals(text)).findFirst();
    }

    /** The policy a file spells {@code text}, if any; only the file spelling is accepted. */
    public static Optional<VersionPolicy> fromFileText(String text) {
        return Arrays.stream(values()).filter(p -> p.fileText.equals(text)).findFirst();
    }

    /** Every command-line spelling, in declaration order, for hints: {@code one}, {@code semver-major}. */
    public static List<String> options() {
        return Arrays.stream(values()).map(VersionPolicy::option).toList();
    }

    /** Every file spelling, in declaration order, for hints: {@code one-per-package}, {@code semver-major}. */
    public static List<String> fileTexts() {
        return Arrays.stream(values()).map(VersionPolicy::fileText).toList();
    }

    /**
     * The key under which two versions of one package may not both be selected: the package name,
     * or under {@link #SEMVER_MAJOR} the name and the version's compatibility class.
     */
    public String exclusionKey(PackageId id) {
        return this == ONE_PER_PACKAGE ? id.name().value() : id.name().value() + "@" + id.version().compatibilityClass();
    }
}
