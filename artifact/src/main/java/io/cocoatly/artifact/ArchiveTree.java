package io.cocoatly.artifact;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The package as extracted so far, kept in memory so every rule can be decided from the archive's
 * own entries without ever asking the file system to follow a link.
 *
 * <p>Because staging starts empty and everything in it comes from this archive, this tree and the
 * staging directory agree, and symlink resolution done here is what the kernel would do there.
 */
final class ArchiveTree {

    /** What a path is. */
    enum Kind { DIRECTORY, FILE, SYMLINK }

    /** Longest symlink chain followed, as Linux's {@code MAXSYMLINKS}. */
    static final int MAX_SYMLINK_HOPS = 40;

    private record Node(Kind kind, String linkTarget) {
    }

    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final Map<String, String> byNormalization = new HashMap<>();
    private final Map<String, String> byCase = new HashMap<>();

    /**
     * Checks the proper prefixes of {@code components}: each must be a directory or absent. Absent
     * ones are registered as directories and returned, outermost first, for the caller to create.
     */
    List<String> parentsToCreate(List<String> components) {
        List<String> missing = new ArrayList<>();
        for (int i = 1; i < components.size(); i++) {
            String prefix = String.join("/", components.subList(0, i));
            Node n = nodes.get(prefix);
            if (n == null) {
                register(prefix, Kind.DIRECTORY, null);
                missing.add(prefix);
            } else if (n.kind == Kind.SYMLINK) {
                throw new RuleViolation(ArchiveRule.WRITE_THROUGH_SYMLINK,
                        "`" + prefix + "` is a symlink created by this archive");
            } else if (n.kind == Kind.FILE) {
                throw new RuleViolation(ArchiveRule.PARENT_NOT_DIRECTORY, "`" + prefix + "` is a file");
            }
        }
        return missing;
    }

    /**
     * Adds {@code path}. A directory entry for an existing directory is accepted and returns false;
     * any other reuse of a name, or a name that folds onto another one, is refused.
     */
    boolean register(String path, Kind kind, String linkTarget) {
        Node existing = nodes.get(path);
        if (existing != null) {
            if (existing.kind == Kind.DIRECTORY && kind == Kind.DIRECTORY) {
                return false;
            }
            throw new RuleViolation(ArchiveRule.DUPLICATE_ENTRY, "`" + path + "` appears twice");
        }
        String norm = EntryNames.normalizationKey(path);
        String other = byNormalization.get(norm);
        if (other != null) {
            throw new RuleViolation(ArchiveRule.NORMALIZATION_COLLISION, "`" + EntryNames.display(path)
                    + "` and `" + EntryNames.display(other) + "` are the same name in Unicode NFC");
        }
        String folded = EntryNames.caseKey(path);
        other = byCase.get(folded);
        if (other != null) {
            throw new RuleViolation(ArchiveRule.CASE_COLLISION, "`" + EntryNames.display(path) + "` and `"
                    + EntryNames.display(other) + "` differ only in case");
        }
        nodes.put(path, new Node(kind, linkTarget));
        byNormalization.put(norm, path);
        byCase.put(folded, path);
        return true;
    }

    /** True if {@code path} is a regular file added earlier. */
    boolean isFile(String path) {
        Node n = nodes.get(path);
        return n != null && n.kind == Kind.FILE;
    }

    /**
     * Checks a new symlink's target on its own: relative, and not climbing above the root on a
     * purely lexical reading. {@link #checkSymlinks()} later resolves through other symlinks.
     */
    static void checkLinkTarget(List<String> linkComponents, String target) {
        EntryNames.checkCharacters(target, "symlink target");
        if (target.startsWith("/") || EntryNames.hasDriveLetter(target)) {
            throw new RuleViolation(ArchiveRule.SYMLINK_ABSOLUTE, "the target `" + target + "` is absolute");
        }
        int depth = linkComponents.size() - 1;
        for (String c : target.split("/", -1)) {
            if (c.equals("..")) {
                depth--;
                if (depth < 0) {
                    throw new RuleViolation(ArchiveRule.SYMLINK_ESCAPE, "the target `" + target
                            + "` leaves the package root");
                }
            } else if (!c.isEmpty() && !c.equals(".")) {
                depth++;
            }
        }
    }

    /**
     * Resolves every symlink through the others, as the kernel would, and refuses any that ends up
     * outside the root or in a loop. Needed because a target that looks harmless lexically
     * ({@code s/..}) can climb out when {@code s} is itself a symlink, possibly one added later.
     *
     * @throws SymlinkViolation naming the first symlink, in archive order, that fails
     */
    void checkSymlinks() {
        for (Map.Entry<String, Node> e : nodes.entrySet()) {
            if (e.getValue().kind == Kind.SYMLINK) {
                try {
                    resolve(e.getKey());
                } catch (RuleViolation v) {
                    throw new SymlinkViolation(e.getKey(), v);
                }
            }
        }
    }

    private void resolve(String link) {
        List<String> current = new ArrayList<>(List.of(link.split("/")));
        current.remove(current.size() - 1);
        Deque<String> todo = new ArrayDeque<>();
        pushFront(todo, nodes.get(link).linkTarget);
        int hops = 0;
        while (!todo.isEmpty()) {
            String c = todo.pollFirst();
            if (c.equals("..")) {
                if (current.isEmpty()) {
                    throw new RuleViolation(ArchiveRule.SYMLINK_ESCAPE, "following the links leaves the package root");
                }
                current.remove(current.size() - 1);
                continue;
            }
            current.add(c);
            Node n = nodes.get(String.join("/", current));
            if (n != null && n.kind == Kind.SYMLINK) {
                if (++hops > MAX_SYMLINK_HOPS) {
                    throw new RuleViolation(ArchiveRule.SYMLINK_LOOP, "more than " + MAX_SYMLINK_HOPS + " links to follow");
                }
                current.remove(current.size() - 1);
                pushFront(todo, n.linkTarget);
            }
        }
    }

    private static void pushFront(Deque<String> todo, String target) {
        String[] parts = target.split("/");
        for (int i = parts.length - 1; i >= 0; i--) {
            if (!parts[i].isEmpty() && !parts[i].equals(".")) {
                todo.addFirst(parts[i]);
            }
        }
    }

    /** A symlink that fails resolution, with the symlink's path. */
    static final class SymlinkViolation extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String link;
        final RuleViolation violation;

        SymlinkViolation(String link, RuleViolation violation) {
            super(violation.detail(), null, false, false);
            this.link = link;
            this.violation = violation;
        }
    }
}
