package io.cocoatly.registry;

import io.cocoatly.json.AtomicFiles;
import io.cocoatly.json.FileModes;
import io.cocoatly.json.JsonObject;
import io.cocoatly.json.Typos;
import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.Dependency;
import io.cocoatly.model.ErrorKind;
import io.cocoatly.model.InvalidFileException;
import io.cocoatly.model.Manifest;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Version;
import io.cocoatly.registry.JsonLayout.Member;
import io.cocoatly.registry.JsonLayout.ObjectLayout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Edits a {@code cocoatly.json} the way a person would: adds, replaces or removes one dependency and
 * leaves every other character alone (key order, indentation, spacing, line ends, final newline).
 * Immutable: each edit returns a new editor, whose text has been read back by {@link Manifests}, so
 * an edit can never produce a manifest the reader refuses. {@link #write()} replaces the file
 * atomically.
 *
 * <p>A new member goes where a person would put it: in name order if the section's names are
 * sorted, else at its end, laid out like its neighbours. A missing section is added at the end of
 * the file's object, indented like the other keys.
 */
public final class ManifestEditor {

    /** The two dependency sections of a manifest. */
    public enum Section {
        DEPENDENCIES("dependencies"), DEV_DEPENDENCIES("dev-dependencies");

        private final String key;

        Section(String key) {
            this.key = key;
        }

        /** The section's key in the manifest. */
        public String key() {
            return key;
        }

        private Section other() {
            return this == DEPENDENCIES ? DEV_DEPENDENCIES : DEPENDENCIES;
        }
    }

    /** A dependency as the manifest has it, and in which section. */
    public record Entry(Section section, Dependency dependency) {
    }

    private final Path file;
    private final String text;
    private final Manifest manifest;

    /** Whether the file is a workspace root whose own package is edited ({@link #readRootPackage}). */
    private final boolean workspaceRoot;

    private ManifestEditor(Path file, String text, Manifest manifest, boolean workspaceRoot) {
        this.file = file;
        this.text = text;
        this.manifest = manifest;
        this.workspaceRoot = workspaceRoot;
    }

    /**
     * Reads {@code file} for editing.
     *
     * @throws CocoatlyException as {@link Manifests#read}: {@code manifest-not-found},
     *     {@code manifest-unreadable}
     * @throws InvalidFileException if the reader refuses the file: nothing is edited in a manifest
     *     that cannot be read
     */
    public static ManifestEditor read(Path file) {
        return of(new String(Manifests.bytes(file), StandardCharsets.UTF_8), file);
    }

    /**
     * An editor of {@code text}, as if read from {@code file}.
     *
     * @throws InvalidFileException if the reader refuses the text
     */
    public static ManifestEditor of(String text, Path file) {
        return new ManifestEditor(file, text, Manifests.parse(text, file), false);
    }

    /**
     * Reads a workspace root's {@code file} to edit the root's own package ({@link Manifests#parseRootPackage});
     * its {@code workspace} section is kept as it is.
     *
     * @throws CocoatlyException as {@link #read}
     * @throws InvalidFileException if the reader refuses the file or the root has no package of its own
     */
    public static ManifestEditor readRootPackage(Path file) {
        return ofRoot(new String(Manifests.bytes(file), StandardCharsets.UTF_8), file);
    }

    private static ManifestEditor ofRoot(String text, Path file) {
        return new ManifestEditor(file, text, Manifests.parseRootPackage(text, file), true);
    }

    /** An editor of the edited {@code text}, read as this one was. */
    private ManifestEditor edited(String text) {
        return workspaceRoot ? ofRoot(text, file) : of(text, file);
    }

    /**
     * A new manifest for {@code name} at {@code version} with no dependencies, as {@code init} writes
     * it (two-space JSON, final newline); nothing is written until {@link #write()}.
     */
    public static ManifestEditor create(Path file, PackageName name, Version version) {
        JsonObject root = JsonObject.create();
        root.put("name", name.value());
        root.put("version", version.toString());
        root.putObject(Section.DEPENDENCIES.key());
        return of(new String(root.canonicalBytes(), StandardCharsets.UTF_8), file);
    }

    /** The manifest as the text now says. */
    public Manifest manifest() {
        return manifest;
    }

    /** The text, with every edit made so far. */
    public String text() {
        return text;
    }

    /** The file this editor reads and writes. */
    public Path file() {
        return file;
    }

    /** The dependency on {@code name}, in either section, if the manifest has one. */
    public Optional<Entry> find(PackageName name) {
        return manifest.dependencies().stream().filter(d -> d.name().equals(name)).findFirst()
                .map(d -> new Entry(Section.DEPENDENCIES, d))
                .or(() -> manifest.devDependencies().stream().filter(d -> d.name().equals(name)).findFirst()
                        .map(d -> new Entry(Section.DEV_DEPENDENCIES, d)));
    }

    /**
     * Requires {@code name} at {@code requirement} in {@code section}: replaces the requirement if
     * the name is there, moves it there from the other section, or adds it.
     *
     * @throws InvalidFileException if the requirement is not one the reader accepts, naming its path
     */
    public ManifestEditor with(Section section, PackageName name, String requirement) {
        String edited = text;
        if (find(name).map(e -> e.section() == section.other()).orElse(false)) {
            edited = remove(edited, section.other().key(), name.value());
        }
        return edited(set(edited, section.key(), name.value(), requirement));
    }

    /**
     * Removes the dependency on {@code name} from whichever section has it; a section left empty
     * stays, as {@code {}}.
     *
     * @throws CocoatlyException {@link ErrorKind#INVALID_INPUT} with code {@code not-a-dependency}
     *     if the manifest does not depend on {@code name}
     */
    public ManifestEditor without(PackageName name) {
        Entry entry = find(name).orElseThrow(() -> notADependency(name));
        return edited(remove(text, entry.section().key(), name.value()));
    }

    /**
     * The root's own package as a manifest of its own: this workspace root's text without its
     * {@code workspace} section, every other byte kept. What the root's package is published with; a
     * package in a registry is no workspace.
     *
     * @throws IllegalStateException if this editor was not made by {@link #readRootPackage}
     */
    public ManifestEditor withoutWorkspace() {
        if (!workspaceRoot) {
            throw new IllegalStateException("not a workspace root: " + file);
        }
        ObjectLayout root = JsonLayout.root(text);
        return of(remove(text, root, root.member(Workspaces.KEY)), file);
    }

    /**
     * Replaces the file with {@link #text()}, atomically.
     *
     * @throws CocoatlyException {@link ErrorKind#FAILED} with code {@code manifest-write-failed}
     */
    public void write() {
        try {
            // Shared: a manifest is committed and read by others, like the lockfile beside it.
            Path target = FileModes.editTarget(file);
            AtomicFiles.write(target, text.getBytes(StandardCharsets.UTF_8), FileModes.existingOrShared(target));
        } catch (IOException e) {
            throw new CocoatlyException(ErrorKind.FAILED, "manifest-write-failed", "cannot write `" + file + "`: "
                    + e.getMessage(), List.of("check that the directory is writable"), e);
        }
    }

    private CocoatlyException notADependency(PackageName name) {
        List<String> names = manifest.allDependencies().stream().map(d -> d.name().value()).toList();
        String hint = Typos.closest(name.value(), names).map(n -> "did you mean `" + n + "`?")
                .orElse(names.isEmpty() ? "the manifest has no dependencies" : "its dependencies are " + Typos.list(names));
        return new CocoatlyException(ErrorKind.INVALID_INPUT, "not-a-dependency", "`" + name + "` is not a dependency in `"
                + file + "`", List.of(hint));
    }

    private static String set(String text, String sectionKey, String name, String requirement) {
        ObjectLayout root = JsonLayout.root(text);
        String colon = colon(text, root);
        String member = JsonLayout.quote(name) + colon + JsonLayout.quote(requirement);
        Member section = root.member(sectionKey);
        if (section == null) {
            return addSection(text, root, sectionKey, colon, member);
        }
        ObjectLayout object = JsonLayout.objectAt(text, section.valueStart());
        Member existing = object.member(name);
        if (existing != null) {
            return splice(text, existing.valueStart(), existing.valueEnd(), JsonLayout.quote(requirement));
        }
        List<Member> members = object.members();
        if (members.isEmpty()) {
            String leading = root.leading(text, root.members().indexOf(section));
            if (!leading.contains("\n")) {
                return splice(text, object.open() + 1, object.close(), member);
            }
            String lineEnd = lineEnd(leading);
            String unit = indent(leading);
            return splice(text, object.open() + 1, object.close(), lineEnd + unit + unit + member + lineEnd + unit);
        }
        boolean sorted = true;
        for (int i = 1; i < members.size(); i++) {
            sorted &= members.get(i - 1).key().compareTo(members.get(i).key()) <= 0;
        }
        int at = members.size();
        for (int i = 0; sorted && i < members.size(); i++) {
            if (members.get(i).key().compareTo(name) > 0) {
                at = i;
                break;
            }
        }
        if (at == members.size()) {
            Member last = members.get(at - 1);
            return splice(text, last.valueEnd(), last.valueEnd(), "," + object.leading(text, at - 1) + member);
        }
        Member next = members.get(at);
        return splice(text, next.keyStart(), next.keyStart(), member + "," + object.leading(text, at));
    }

    private static String addSection(String text, ObjectLayout root, String sectionKey, String colon, String member) {
        Member last = root.members().get(root.members().size() - 1);
        String leading = root.leading(text, root.members().size() - 1);
        String body;
        if (leading.contains("\n")) {
            String lineEnd = lineEnd(leading);
            String unit = indent(leading);
            body = "{" + lineEnd + unit + unit + member + lineEnd + unit + "}";
        } else {
            body = "{" + member + "}";
        }
        return splice(text, last.valueEnd(), last.valueEnd(), "," + leading + JsonLayout.quote(sectionKey) + colon + body);
    }

    private static String remove(String text, String sectionKey, String name) {
        ObjectLayout object = JsonLayout.objectAt(text, JsonLayout.root(text).member(sectionKey).valueStart());
        return remove(text, object, object.member(name));
    }

    /** {@code text} without {@code member} of {@code object}, and the separator that went with it. */
    private static String remove(String text, ObjectLayout object, Member member) {
        List<Member> members = object.members();
        int i = members.indexOf(member);
        if (members.size() == 1) {
            return splice(text, object.open() + 1, object.close(), "");
        }
        if (i < members.size() - 1) {
            return splice(text, members.get(i).keyStart(), members.get(i + 1).keyStart(), "");
        }
        return splice(text, members.get(i - 1).valueEnd(), members.get(i).valueEnd(), "");
    }

    /** How the file separates a key from its value, e.g. {@code ": "}, as its first member does. */
    private static String colon(String text, ObjectLayout root) {
        Member first = root.members().get(0);
        return text.substring(first.keyEnd(), first.valueStart());
    }

    private static String lineEnd(String leading) {
        return leading.contains("\r\n") ? "\r\n" : "\n";
    }

    private static String indent(String leading) {
        return leading.substring(leading.lastIndexOf('\n') + 1);
    }

    private static String splice(String text, int from, int to, String replacement) {
        return text.substring(0, from) + replacement + text.substring(to);
    }
}
