package io.cocoatly.cli;

import io.cocoatly.json.AtomicFiles;
import io.cocoatly.json.FileModes;
import io.cocoatly.json.JsonArray;
import io.cocoatly.json.JsonCursor;
import io.cocoatly.json.JsonObject;
import io.cocoatly.json.StrictJson;
import io.cocoatly.lockfile.Lockfile;
import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import io.cocoatly.model.Manifest;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.Workspace;
import io.cocoatly.project.MemberClosure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How a project's installation was made: for which workspace members ({@code install -p NAME}) and
 * whether without development dependencies ({@code install --production}). {@code install} keeps it
 * beside the installation, in {@code .cocoatly/install-scope.json}, so that {@code add} and
 * {@code remove}, which install the lockfile they changed, install it the same way rather than the
 * whole lockfile (docs/workspaces.md, "Commands"):
 *
 * <pre>{"members": ["web"], "production": true}</pre>
 *
 * <p>No {@code members}: every member (and any plain project). No file: the whole lockfile, dev
 * dependencies included, as before this file existed; an installation made that way removes it.
 *
 * @param members    the members chosen, by name; empty for every member
 * @param production whether development dependencies are left out
 */
record InstallScope(Optional<List<PackageName>> members, boolean production) {

    /** The file's name in the installation's directory. */
    static final String FILE_NAME = "install-scope.json";

    /** What an installation made without {@code -p} and {@code --production} holds: the whole lockfile. */
    static final InstallScope WHOLE = new InstallScope(Optional.empty(), false);

    private static final String CODE = "invalid-install-scope";
    private static final Set<String> KEYS = Set.of("members", "production");

    InstallScope {
        members = members.map(List::copyOf);
    }

    /** The scope of a {@code -p} selection (empty for a plain project) and {@code --production}. */
    static InstallScope of(Optional<MemberSelection> selection, boolean production) {
        return new InstallScope(selection.filter(s -> !s.all()).map(s -> s.manifests().stream().map(Manifest::name)
                .toList()), production);
    }

    /**
     * The scope kept in {@code installationDir}, or {@link #WHOLE} if none is.
     *
     * @throws io.cocoatly.model.InvalidFileException code {@code invalid-install-scope} (exit 2) if
     *     the file is malformed, naming it and the JSON path
     * @throws CocoatlyException code {@code install-scope-unreadable} (exit 4) if it cannot be read
     */
    static InstallScope read(Path installationDir) {
        Path file = installationDir.resolve(FILE_NAME);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return WHOLE;
        } catch (IOException e) {
            throw new CocoatlyException(ErrorKind.FAILED, "install-scope-unreadable", "cannot read `" + file + "`: "
                    + e.getMessage(), List.of(rewriteHint()), e);
        }
        JsonCursor root = StrictJson.parse(bytes, file, CODE, rewriteHint()).object().rejectUnknownKeys(KEYS);
        Optional<List<PackageName>> members = Optional.empty();
        Optional<JsonCursor> listed = root.optional("members");
        if (listed.isPresent()) {
            List<PackageName> names = new ArrayList<>();
            for (JsonCursor name : listed.get().elements()) {
                try {
                    names.add(PackageName.of(name.string()));
                } catch (CocoatlyException e) {
                    throw name.error(e.getMessage(), rewriteHint());
                }
            }
            members = Optional.of(names);
        }
        boolean production = root.optional("production").map(JsonCursor::bool).orElse(false);
        return new InstallScope(members, production);
    }

    private static String rewriteHint() {
        return "run `cocoatly install` (with `-p NAME` or `--production` as you want it), which writes it again";
    }

    /**
     * Keeps this scope in {@code installationDir}, replacing the file atomically; {@link #WHOLE}
     * removes it (it is this class's own file).
     *
     * @throws CocoatlyException code {@code install-scope-unwritable} if it cannot be written
     */
    void write(Path installationDir) {
        Path file = installationDir.resolve(FILE_NAME);
        try {
            // Not equals(WHOLE): a record's generated equals is linked by a bootstrap on its first call,
            // some 10 ms of a no-op install that calls no other (docs/performance-startup.md).
            if (members.isEmpty() && !production) {
                Files.deleteIfExists(file);
                return;
            }
            JsonObject json = JsonObject.create();
            members.ifPresent(names -> {
                JsonArray array = json.putArray("members");
                names.forEach(n -> array.add(n.value()));
            });
            json.put("production", production);
            AtomicFiles.write(file, json.canonicalBytes(), FileModes.shared());
        } catch (IOException e) {
            throw new CocoatlyException(ErrorKind.FAILED, "install-scope-unwritable", "installed, but cannot write `" + file
                    + "`: " + e.getMessage(), List.of("`cocoatly add` and `remove` will install the whole lockfile until"
                    + " `cocoatly install` writes it"), e);
        }
    }

    /**
     * What of {@code lockfile} an installation of this scope holds: without development dependencies
     * if {@link #production}, and only what the chosen members need (members the workspace no longer
     * has are left out of the choice, with a warning each; if none is left, every member).
     *
     * @param workspace the workspace as it is now, or empty for a plain project
     * @param warnings  where the warnings go
     */
    Lockfile of(Lockfile lockfile, Optional<Workspace> workspace, List<String> warnings) {
        Lockfile installed = production ? lockfile.production() : lockfile;
        if (members.isEmpty() || workspace.isEmpty()) {
            return installed;
        }
        Workspace ws = workspace.get();
        List<Manifest> chosen = new ArrayList<>();
        for (PackageName name : members.get()) {
            Optional<Manifest> manifest = ws.member(name).map(Workspace.Member::manifest)
                    .or(() -> ws.rootPackage().filter(p -> p.name().equals(name)));
            if (manifest.isPresent()) {
                chosen.add(manifest.get());
            } else {
                warnings.add("the installation was made for member `" + name + "`, which the workspace no longer has");
            }
        }
        if (chosen.isEmpty()) {
            warnings.add("installing for every member: none of those the installation was made for is left");
            return installed;
        }
        return MemberClosure.of(installed, ws, chosen, production);
    }
}
