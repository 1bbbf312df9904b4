package io.cocoatly.artifact;

import io.cocoatly.model.ErrorKind;
import io.cocoatly.model.CocoatlyException;
import java.util.List;

/**
 * A package archive refused as a whole because one entry breaks an {@link ArchiveRule}; nothing of
 * the package is kept. The message names the archive, the entry and the rule. {@link #code()} is
 * {@code unsafe-archive}.
 */
public final class ArchiveException extends CocoatlyException {

    private static final long serialVersionUID = 1L;

    private final String archive;
    private final String entry;
    private final ArchiveRule rule;

    ArchiveException(String archive, String entry, ArchiveRule rule, String detail) {
        this(archive, entry, rule, detail, null);
    }

    ArchiveException(String archive, String entry, ArchiveRule rule, String detail, Throwable cause) {
        this(archive, entry, rule, detail, List.of("the package was not installed; report the archive to its publisher"),
                cause);
    }

    /** A tree that cannot be packed: the publisher can fix it. */
    static ArchiveException packing(String dir, String entry, RuleViolation v) {
        return new ArchiveException(dir, entry, v.rule(), v.detail(),
                List.of("rename or remove it before publishing; docs/security.md lists the rules"), null);
    }

    private ArchiveException(String archive, String entry, ArchiveRule rule, String detail, List<String> hints,
                             Throwable cause) {
        super(ErrorKind.FAILED, "unsafe-archive", "refused `" + archive + "`: entry `" + EntryNames.display(entry) + "` breaks rule `"
                + rule.id() + "` (" + rule.description() + "): " + detail, hints, cause);
        this.archive = archive;
        this.entry = entry;
        this.rule = rule;
    }

    /** The archive, as a package id or a path. */
    public String archive() {
        return archive;
    }

    /** The entry name as found in the archive (or a placeholder such as {@code #12} if it has no name yet). */
    public String entry() {
        return entry;
    }

    /** The rule broken. */
    public ArchiveRule rule() {
        return rule;
    }
}
