package io.cocoatly.cli;

import io.cocoatly.model.PackageIndex;
import io.cocoatly.model.Workspace;
import io.cocoatly.project.KnownPackages;
import io.cocoatly.project.WorkspaceResolution;
import io.cocoatly.registry.Manifests;
import io.cocoatly.registry.Workspaces;
import io.cocoatly.solver.ResolveRequest;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What {@code resolve} and {@code why} give the solver for a manifest: a project's own requirements
 * against the registry, or for a workspace root the union of its members' with their origins against
 * the registry with the members laid over it (as {@code lock} resolves it, {@link WorkspaceResolution}).
 *
 * @param request   the request, with the origins for a workspace; policy and options are the caller's
 * @param index     the index to resolve against
 * @param workspace the workspace, when the manifest is a workspace root
 */
record ResolveInput(ResolveRequest request, PackageIndex index, Optional<WorkspaceResolution> workspace) {

    /**
     * Reads {@code manifestPath} (a workspace root with its members) and checks that every manifest
     * names only packages {@code registry} (or the workspace) has.
     *
     * @throws io.cocoatly.model.CocoatlyException code {@code unknown-package} (exit 2) for a name
     *     the registry does not have
     */
    static ResolveInput of(Path manifestPath, PackageIndex registry) {
        return of(manifestPath, workspaceAt(manifestPath), registry);
    }

    /**
     * The workspace whose root manifest is {@code manifestPath}, read with its members, or empty for an
     * ordinary project's manifest: what a command checks its {@code -p} against before it opens a registry.
     */
    static Optional<Workspace> workspaceAt(Path manifestPath) {
        return Workspaces.declaresWorkspace(manifestPath) ? Optional.of(Workspaces.read(manifestPath)) : Optional.empty();
    }

    /** As {@link #of(Path, PackageIndex)}, with the workspace {@link #workspaceAt} read already. */
    static ResolveInput of(Path manifestPath, Optional<Workspace> workspace, PackageIndex registry) {
        if (workspace.isEmpty()) {
            ResolveRequest request = ResolveRequest.of(Manifests.read(manifestPath));
            KnownPackages.require(request.root(), registry);
            return new ResolveInput(request, registry, Optional.empty());
        }
        WorkspaceResolution ws = new WorkspaceResolution(workspace.get());
        PackageIndex index = ws.index(registry);
        ws.requireKnownPackages(index);
        return new ResolveInput(ResolveRequest.of(ws.root(index)).withOrigins(ws.origins()), index, Optional.of(ws));
    }
}
