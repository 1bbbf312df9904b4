package io.cocoatly.registry;

import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.Dependency;
import io.cocoatly.model.ErrorKind;
import io.cocoatly.model.Manifest;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.VersionRange;
import io.cocoatly.model.Workspace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The manifest a workspace member is published with (docs/workspaces.md, "Publishing a member"):
 * inside the workspace a dependency on another member is satisfied by that member's own version,
 * which a registry knows nothing of, so in the archive each becomes a range on the member's version,
 * by cargo's rule: a requirement that accepts any version ({@code *}) becomes {@code ^VERSION}, any
 * other is kept, and must accept the member's version. Dev-dependencies on members are dropped, as
 * cargo drops them: they could not be resolved from the registry. Every other byte of the file stays
 * as written ({@link ManifestEditor}); the member's own file is never changed.
 *
 * @param text       the archive's {@code cocoatly.json}
 * @param manifest   what {@code text} says: the release's name, version and dependencies
 * @param onMembers  the dependencies on members, as published, with the member each names
 * @param devDropped the members whose dev-dependency was dropped, in the manifest's order
 */
public record PublishedManifest(String text, Manifest manifest, List<OnMember> onMembers, List<PackageName> devDropped) {

    /** The error code of a member's range that its version does not satisfy. */
    public static final String MISMATCH = "workspace-range-mismatch";

    /**
     * A dependency on another member, as published.
     *
     * @param member    the member it names
     * @param written   the requirement as the manifest writes it
     * @param published the requirement as published
     */
    public record OnMember(Workspace.Member member, String written, String published) {
    }

    public PublishedManifest {
        onMembers = List.copyOf(onMembers);
        devDropped = List.copyOf(devDropped);
    }

    /**
     * The manifest {@code member} of {@code workspace} is published with.
     *
     * @throws CocoatlyException {@value #MISMATCH} (invalid input) naming every dependency on a member
     *     whose range the member's version is outside of: publishing it would promise a version that
     *     is not the one tested together in the workspace
     */
    public static PublishedManifest of(Workspace workspace, Workspace.Member member) {
        Path file = workspace.root().resolve(member.path()).resolve(Manifests.FILE_NAME);
        // The root's own package is published without the workspace section: a registry's package is no workspace.
        ManifestEditor editor = member.path().equals(".") ? ManifestEditor.readRootPackage(file).withoutWorkspace()
                : ManifestEditor.read(file);
        List<OnMember> onMembers = new ArrayList<>();
        List<String> mismatches = new ArrayList<>();
        for (Dependency d : member.manifest().dependencies()) {
            Optional<Workspace.Member> other = workspace.local(d.name()).filter(m -> !m.equals(member));
            if (other.isEmpty()) {
                continue;
            }
            String published = d.requirement();
            if (d.range().equals(VersionRange.any()) || d.range().isAll()) {
                published = "^" + other.get().version();
                editor = editor.with(ManifestEditor.Section.DEPENDENCIES, d.name(), published);
            } else if (!d.range().contains(other.get().version())) {
                mismatches.add("`" + d.name() + " " + d.requirement() + "` does not accept " + other.get().label()
                        + " at " + other.get().version());
            }
            onMembers.add(new OnMember(other.get(), d.requirement(), published));
        }
        if (!mismatches.isEmpty()) {
            throw new CocoatlyException(ErrorKind.INVALID_INPUT, MISMATCH, member.label() + " depends on workspace members"
                    + " at versions they are not: " + String.join("; ", mismatches), List.of(
                    "widen the requirement, or write `*` to publish it as `^VERSION` of the member"));
        }
        List<PackageName> devDropped = new ArrayList<>();
        for (Dependency d : member.manifest().devDependencies()) {
            if (workspace.local(d.name()).filter(m -> !m.equals(member)).isPresent()) {
                editor = editor.without(d.name());
                devDropped.add(d.name());
            }
        }
        return new PublishedManifest(editor.text(), editor.manifest(), onMembers, devDropped);
    }
}
