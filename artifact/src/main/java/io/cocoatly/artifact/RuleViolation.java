package io.cocoatly.artifact;

/**
 * A broken {@link ArchiveRule} found by a helper that does not know which archive or entry it is
 * looking at; the extractor or packer turns it into an {@link ArchiveException}.
 */
final class RuleViolation extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ArchiveRule rule;

    RuleViolation(ArchiveRule rule, String detail) {
        super(detail, null, false, false);
        this.rule = rule;
    }

    ArchiveRule rule() {
        return rule;
    }

    String detail() {
        return getMessage();
    }
}
