package io.cocoatly.artifact;

/**
 * The rules a package archive must keep; breaking any one refuses the whole package. Each rule has a
 * stable kebab-case {@link #id()} that appears in error messages and is documented in
 * {@code docs/security.md}.
 */
public enum ArchiveRule {
    EMPTY_NAME("empty-name", "an entry name must name something"),
    ABSOLUTE_PATH("absolute-path", "entry names must be relative"),
    DRIVE_LETTER("drive-letter", "entry names must not start with a drive letter"),
    PARENT_TRAVERSAL("parent-traversal", "entry names must not contain `..` components"),
    NUL_IN_NAME("nul-in-name", "names must not contain NUL"),
    CONTROL_CHARACTER("control-character", "names must not contain control characters"),
    BACKSLASH("backslash", "names must use `/`, never `\\`"),
    PATH_TOO_LONG("path-too-long", "entry names are limited in length"),
    TOO_DEEP("too-deep", "entries are limited in directory depth"),
    DUPLICATE_ENTRY("duplicate-entry", "each path may appear once"),
    CASE_COLLISION("case-collision", "names must differ after case folding"),
    NORMALIZATION_COLLISION("normalization-collision", "names must differ after Unicode NFC normalisation"),
    PARENT_NOT_DIRECTORY("parent-not-directory", "an entry's parent must be a directory"),
    SYMLINK_ABSOLUTE("symlink-absolute", "symlink targets must be relative"),
    SYMLINK_ESCAPE("symlink-escape", "symlink targets must stay inside the package"),
    SYMLINK_LOOP("symlink-loop", "symlinks must not form loops or long chains"),
    WRITE_THROUGH_SYMLINK("write-through-symlink", "entries must not be written through a symlink"),
    HARDLINK_TARGET("hardlink-target", "hardlinks must point to an earlier regular file of the package"),
    SPECIAL_FILE("special-file", "devices, FIFOs and sockets are not allowed"),
    UNSUPPORTED_ENTRY("unsupported-entry", "only files, directories, symlinks and hardlinks are allowed"),
    TOO_MANY_ENTRIES("too-many-entries", "archives are limited in entry count"),
    TOTAL_SIZE("total-size", "archives are limited in total uncompressed size"),
    HEADER_TOO_LARGE("header-too-large", "entry headers (PAX, long names) are limited in size"),
    COMPRESSION_RATIO("compression-ratio", "archives are limited in compression ratio"),
    MALFORMED_ARCHIVE("malformed-archive", "archives must be well-formed gzip-compressed tar"),
    UNPACKABLE_FILE("unpackable-file", "only regular files and directories are packed");

    private final String id;
    private final String description;

    ArchiveRule(String id, String description) {
        this.id = id;
        this.description = description;
    }

    /** The stable id, e.g. {@code parent-traversal}. */
    public String id() {
        return id;
    }

    /** One sentence stating the rule. */
    public String description() {
        return description;
    }

    @Override
    public String toString() {
        return id;
    }
}
