package io.cocoatly.cli;

import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import io.cocoatly.model.Workspace;
import io.cocoatly.registry.Manifests;
import io.cocoatly.registry.Workspaces;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The one rule for which {@code cocoatly.json} a project command acts on: the one {@code --manifest}
 * names, else the one in the working directory or its nearest parent that has one, as cargo and npm
 * find theirs. So {@code lock}, {@code tree} or {@code list} in {@code src/} of a project act on that
 * project. With {@code --verbose} the command says which manifest it used, on stderr.
 *
 * <p>Inside a workspace (docs/workspaces.md) the workspace wins: when the nearest manifest is a member
 * of a workspace whose root manifest is further up, the root's manifest is the one used, as cargo
 * finds its workspace root. A manifest above that is not a workspace, or whose members do not include
 * the nearest one, changes nothing.
 */
final class ManifestLocator {

    /** How the {@code --manifest} options describe their default. */
    static final String DEFAULT = "default: " + Manifests.FILE_NAME + " here or in the nearest parent directory";

    private ManifestLocator() {
    }

    /**
     * The nearest {@code cocoatly.json} from the working directory upwards, if there is one: the
     * project a command run here belongs to, or the root of the workspace that lists it as a member.
     * Membership is decided by the root's globs alone ({@link Workspaces#lists}): no member's
     * manifest is read here, so a command that then opens the workspace reads each once, and one that
     * reads no project ({@code search}, {@code info}, {@code check}, for its settings) is not stopped
     * by a broken member elsewhere.
     *
     * @throws io.cocoatly.model.InvalidFileException if the workspace root above has a malformed
     *     {@code workspace} section
     */
    static Optional<Path> nearest(Context context) {
        Optional<Path> nearest = nearestFrom(context.cwd().toAbsolutePath().normalize());
        if (nearest.isEmpty() || Workspaces.declaresWorkspace(nearest.get())) {
            return nearest;
        }
        Path dir = nearest.get().getParent();
        return enclosingWorkspace(dir).filter(root -> Workspaces.lists(root, dir)).or(() -> nearest);
    }

    /** A workspace and one of its members. */
    record WorkspaceMember(Workspace workspace, Workspace.Member member) {
    }

    /**
     * The workspace {@code manifest} belongs to, with the member it is, if the nearest workspace root
     * above its directory lists it: the one rule for "this package is a member".
     */
    static Optional<WorkspaceMember> memberOf(Path manifest) {
        Path memberDir = manifest.toAbsolutePath().normalize().getParent();
        return enclosingWorkspace(memberDir).flatMap(root -> {
            Workspace workspace = Workspaces.read(root);
            return memberAt(workspace, memberDir).map(m -> new WorkspaceMember(workspace, m));
        });
    }

    /** The member of {@code workspace} whose directory is {@code dir} (absolute, normalised), if any. */
    private static Optional<Workspace.Member> memberAt(Workspace workspace, Path dir) {
        return workspace.members().stream().filter(m -> workspace.root().resolve(m.path()).normalize().equals(dir))
                .findFirst();
    }

    /**
     * The member of {@code workspace} that the working directory is in (its directory or one below,
     * with no other {@code cocoatly.json} between), if any: the package that a command editing one
     * manifest edits when run there, as {@code cargo add} edits the member it is run in.
     */
    static Optional<Workspace.Member> memberHere(Context context, Workspace workspace) {
        return nearestFrom(context.cwd().toAbsolutePath().normalize())
                .flatMap(here -> memberAt(workspace, here.getParent()));
    }

    /** The root manifest of the nearest workspace above {@code dir} (absolute), if there is one. */
    private static Optional<Path> enclosingWorkspace(Path dir) {
        for (Optional<Path> up = nearestFrom(dir.getParent()); up.isPresent(); up = nearestFrom(up.get().getParent().getParent())) {
            if (Workspaces.declaresWorkspace(up.get())) {
                return up;
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> nearestFrom(Path start) {
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(Manifests.FILE_NAME);
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * The manifest {@code --manifest} names, else the nearest one, else {@code cocoatly.json} in the
     * working directory (which does not exist): where a command looks for the project's settings,
     * whether or not it needs a project.
     *
     * @param option {@code --manifest} as typed, or null
     */
    static Path locate(Context context, String option) {
        if (option != null) {
            return context.path(option);
        }
        return nearest(context).orElse(context.path(Manifests.FILE_NAME));
    }

    /**
     * The manifest of the project the command acts on, said on stderr with {@code --verbose}.
     *
     * @param option {@code --manifest} as typed, or null
     * @throws CocoatlyException code {@code manifest-not-found} (exit 2) when there is no option and
     *     no {@code cocoatly.json} here or above
     */
    static Path use(Context context, String option) {
        // Looked for once: from inside a member, finding the nearest manifest reads the workspace.
        Path manifest = option != null ? context.path(option) : nearest(context).orElseThrow(() -> new CocoatlyException(
                ErrorKind.INVALID_INPUT, "manifest-not-found", "no `" + Manifests.FILE_NAME + "` in `"
                + context.cwd().toAbsolutePath().normalize() + "` or any parent directory",
                List.of("run `cocoatly init` to start a project here, or pass `--manifest FILE`")));
        if (context.console().verbose()) {
            context.err().println((Workspaces.declaresWorkspace(manifest) ? "using workspace " : "using ")
                    + manifest.toAbsolutePath().normalize());
            context.err().flush();
        }
        return manifest;
    }
}
