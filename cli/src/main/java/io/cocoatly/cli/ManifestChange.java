package io.cocoatly.cli;

import io.cocoatly.installer.InstallOutcome;
import io.cocoatly.lockfile.Lockfile;
import io.cocoatly.lockfile.LockfileDiff;
import io.cocoatly.lockfile.LockfileDiffText;
import io.cocoatly.lockfile.LockfileWriter;
import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import io.cocoatly.model.Version;
import io.cocoatly.model.Workspace;
import io.cocoatly.project.WorkspaceResolution;
import io.cocoatly.registry.Manifests;
import java.util.stream.Collectors;
import io.cocoatly.model.Manifest;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.VersionPolicy;
import io.cocoatly.project.ChangeReasons;
import io.cocoatly.project.KnownPackages;
import io.cocoatly.project.Relock;
import io.cocoatly.registry.FileRegistry;
import io.cocoatly.registry.ManifestEditor;
import io.cocoatly.registry.ManifestEditor.Section;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What {@code add} and {@code remove} share around their edit of {@code cocoatly.json}: the project
 * (found as for every command), the registry, and after the edit the relock with the previous
 * lockfile preferred (minimal change, as {@code lock} does), the report of the manifest lines and the
 * lock diff, and, unless it is a dry run, writing both files and installing when the project has an
 * installation. Nothing is written before the relock succeeded, so a failed add leaves both files
 * as they were.
 *
 * <p>In a workspace (docs/workspaces.md) the manifest edited is one member's ({@code -p NAME}), or
 * without {@code -p} the root's own package, as cargo edits it; the whole workspace is relocked with
 * the edited member, and its one installation at the root updated.
 */
final class ManifestChange {

    /** The {@code -p/--package} option of {@code add} and {@code remove}, which choose the same way. */
    static final String MEMBER_OPTION = "In a workspace: edit this member's manifest (default: the member the command"
            + " is run in, else the root's own package; remove: else the one member that declares NAME).";

    /**
     * One line of the manifest's change.
     *
     * @param from the requirement before, empty for an added line
     * @param to   the requirement after, empty for a removed line
     */
    record Line(Section section, PackageName name, Optional<String> from, Optional<String> to) {

        /** {@code added}, {@code replaced} or {@code removed}. */
        String change() {
            return from.isEmpty() ? "added" : to.isEmpty() ? "removed" : "replaced";
        }

        /** E.g. {@code + "http": "^1.2.1" in dependencies}. */
        String text() {
            String key = "\"" + name + "\": ";
            String value = from.isEmpty() ? "+ " + key + quoted(to.get())
                    : to.isEmpty() ? "- " + key + quoted(from.get())
                    : "~ " + key + quoted(from.get()) + " -> " + quoted(to.get());
            return value + " in " + section.key();
        }

        private static String quoted(String requirement) {
            return "\"" + requirement + "\"";
        }
    }

    private final Context context;
    private final ProjectFiles project;
    /** The manifest edited: the project's, or in a workspace a member's or the root package's. */
    private final Path target;
    private final CommandSettings settings;
    private final FileRegistry index;
    private final Optional<Lockfile> existing;
    private final VersionPolicy policy;
    private final List<String> warnings = new ArrayList<>();
    /** What the last relock required of the registry, for the reasons of the lock's changes. */
    private Manifest relocked;
    /** The workspace the last relock locked, with the edited manifest; empty for a plain project. */
    private Optional<Workspace> relockedWorkspace = Optional.empty();

    private ManifestChange(Context context, ProjectFiles project, Path target, CommandSettings settings, FileRegistry index,
            Optional<Lockfile> existing, VersionPolicy policy) {
        this.context = context;
        this.project = project;
        this.target = target;
        this.settings = settings;
        this.index = index;
        this.existing = existing;
        this.policy = policy;
    }

    /**
     * The project of {@code --manifest} (or the nearest one) and its registry, with the settings'
     * warnings printed unless the command writes JSON.
     *
     * @param member   {@code -p NAME}: in a workspace, the member whose manifest is edited; without it,
     *                 the member the working directory is in (unless {@code --manifest} is given), else
     *                 the root's own package
     * @param removing for {@code remove}, the names removed: without {@code -p}, outside every member
     *                 and in a workspace without a package of its own, the one member that declares
     *                 them is edited
     * @throws CocoatlyException code {@code usage} (exit 2) for {@code -p} outside a workspace, an
     *     unknown member, or a workspace where the manifest to edit is not clear without {@code -p}
     */
    static ManifestChange open(Context context, String manifestOption, RegistryOptions registry, CommandSpec spec,
            String command, boolean json, Optional<String> member, List<PackageName> removing) {
        ProjectFiles project = ProjectFiles.openWorkspace(context, manifestOption);
        // --manifest names the manifest itself; without it, the member the command is run in is meant.
        Optional<Workspace.Member> here = manifestOption != null ? Optional.empty()
                : project.workspace().flatMap(w -> ManifestLocator.memberHere(context, w.workspace()));
        Path target = target(project, member, here, removing, command);
        CommandSettings settings = registry.settings(context, command, project.manifestPath());
        if (!json) {
            settings.printWarnings(context);
        }
        List<String> warnings = new ArrayList<>();
        Optional<Lockfile> existing = project.lockfileToReplace(warnings);
        ManifestChange change = new ManifestChange(context, project, target, settings, settings.openRegistry(), existing,
                LockfileUpdate.policy(spec, registry, existing));
        change.warnings.addAll(settings.warningsAnd(warnings, json));
        return change;
    }

    private static Path target(ProjectFiles project, Optional<String> member, Optional<Workspace.Member> here,
                               List<PackageName> removing, String command) {
        if (project.workspace().isEmpty()) {
            if (member.isPresent()) {
                throw MemberSelection.notAWorkspace("--package", project.manifestName());
            }
            return project.manifestPath();
        }
        Workspace ws = project.workspace().get().workspace();
        if (member.isPresent()) {
            Manifest chosen = MemberSelection.named(ws, List.of(member.get())).manifests().get(0);
            return ws.member(chosen.name()).map(m -> manifestOf(ws, m)).orElse(project.manifestPath());
        }
        if (here.isPresent()) {
            return manifestOf(ws, here.get());
        }
        if (ws.rootPackage().isPresent()) {
            return project.manifestPath();
        }
        List<Workspace.Member> declaring = ws.members().stream().filter(m -> m.manifest().allDependencies().stream()
                .anyMatch(d -> removing.contains(d.name()))).toList();
        if (declaring.size() == 1) {
            return manifestOf(ws, declaring.get(0));
        }
        if (declaring.size() > 1) {
            throw new CocoatlyException(ErrorKind.INVALID_INPUT, "usage", "several members declare "
                    + removing.stream().map(n -> "`" + n + "`").collect(Collectors.joining(", ")) + ": "
                    + declaring.stream().map(m -> "`" + m.label() + "`").collect(Collectors.joining(", ")),
                    List.of("pass -p/--package, one of: " + declaring.stream().map(m -> "`" + m.name() + "`")
                            .collect(Collectors.joining(", "))));
        }
        throw new CocoatlyException(ErrorKind.INVALID_INPUT, "usage", "`" + command + "` edits one package's manifest, and"
                + " the workspace at `" + ws.root() + "` has no package of its own", List.of(MemberSelection.listOfMembers(ws)));
    }

    private static Path manifestOf(Workspace ws, Workspace.Member member) {
        return ws.root().resolve(member.path()).resolve(Manifests.FILE_NAME);
    }

    /** The manifest, for editing. */
    ManifestEditor editor() {
        return isWorkspaceRoot() ? ManifestEditor.readRootPackage(target) : ManifestEditor.read(target);
    }

    private boolean isWorkspaceRoot() {
        return project.workspace().isPresent() && target.equals(project.manifestPath());
    }

    /** In a workspace, the version of the member {@code name}, which a range on it defaults to. */
    Optional<Version> memberVersion(PackageName name) {
        return project.workspace().flatMap(w -> w.workspace().member(name)).map(Workspace.Member::version);
    }

    /**
     * Fails unless the registry has {@code name}, suggesting the closest name it has.
     *
     * @throws CocoatlyException code {@code unknown-package} (exit 2)
     */
    void requireKnown(PackageName name) {
        if (index.find(name).isEmpty() && memberVersion(name).isEmpty()) {
            throw KnownPackages.unknown(name, index.name(), KnownPackages.known(index), null);
        }
    }

    /**
     * The lockfile for {@code manifest}, moving as little as possible from the previous one.
     *
     * @throws io.cocoatly.project.UnsatisfiableException if nothing fits (exit 1, with the explanation)
     */
    Relock.Outcome relock(Manifest manifest) {
        if (project.workspace().isEmpty()) {
            relocked = manifest;
            return new Relock(index, index.location(), manifest, policy, Optional.empty()).lock(existing);
        }
        Workspace ws = project.workspace().get().workspace();
        Workspace edited = isWorkspaceRoot() ? new Workspace(ws.root(), Optional.of(manifest), ws.members())
                : new Workspace(ws.root(), ws.rootPackage(), ws.members().stream()
                        .map(m -> manifestOf(ws, m).equals(target) ? new Workspace.Member(m.path(), manifest) : m).toList());
        WorkspaceResolution resolution = new WorkspaceResolution(edited);
        relocked = resolution.requirements();
        relockedWorkspace = Optional.of(edited);
        return new Relock(index, index.location(), resolution, policy, Optional.empty()).lock(existing);
    }

    /** Reports the change and, unless {@code dryRun}, writes both files and installs; returns the exit code. */
    int finish(ManifestEditor edited, List<Line> lines, Relock.Outcome outcome, boolean dryRun, boolean json) {
        Lockfile after = outcome.lockfile();
        byte[] bytes = LockfileWriter.toBytes(after);
        boolean lockChanges = existing.isEmpty() || !Arrays.equals(bytes, currentLockfile());
        Optional<InstallOutcome> installed = Optional.empty();
        List<String> allWarnings = new ArrayList<>(warnings);
        allWarnings.addAll(outcome.warnings());
        if (!dryRun) {
            Path dir = project.lockfilePath().getParent();
            // Installed as `install` made the installation (-p, --production), read before anything is
            // written, so that a malformed scope file changes nothing.
            Optional<Lockfile> toInstall = ProjectInstall.isInstalled(dir) ? Optional.of(InstallScope.read(
                    dir.resolve(InstallerSetup.PROJECT_DIR)).of(after, relockedWorkspace, allWarnings)) : Optional.empty();
            edited.write();
            if (lockChanges) {
                LockfileWriter.write(after, project.lockfilePath());
            }
            if (toInstall.isPresent()) {
                installed = Optional.of(ProjectInstall.apply(context, new InstallerSetup(settings), dir, toInstall.get(), json));
            }
        }
        LockfileDiff diff = LockfileDiff.between(existing.map(Lockfile::ids).orElse(List.of()), after.ids());
        ChangeReasons reasons = new ChangeReasons(index, relocked, after, Set.of());
        if (json) {
            Json.write(context.out(), Envelope.success(data(lines, after, diff, reasons, lockChanges && !dryRun, dryRun,
                    installed, allWarnings)));
            return ExitCodes.OK;
        }
        allWarnings.forEach(context::warn);
        if (context.console().quiet()) {
            // -q: errors only; the change is made all the same.
            return ExitCodes.OK;
        }
        PrintWriter out = context.out();
        for (Line line : lines) {
            out.println(project.shown(target) + ": " + line.text());
        }
        for (LockfileDiff.Change c : diff.changes()) {
            out.println(context.console().out().diffLine(LockfileDiffText.line(c)) + " (" + reasons.of(c) + ")");
        }
        out.println(LockfileUpdate.summary(project, after, diff, lockChanges, dryRun));
        installed.ifPresent(o -> out.println(InstallJson.summary(o)));
        if (dryRun) {
            out.println(InstallJson.DRY_RUN);
        }
        out.flush();
        return ExitCodes.OK;
    }

    private Map<String, Object> data(List<Line> lines, Lockfile after, LockfileDiff diff, ChangeReasons reasons,
            boolean written, boolean dryRun, Optional<InstallOutcome> installed, List<String> allWarnings) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("manifest", project.shown(target));
        data.put("dry_run", dryRun);
        List<Object> manifestChanges = new ArrayList<>();
        for (Line line : lines) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("change", line.change());
            entry.put("section", line.section().key());
            entry.put("name", line.name().value());
            entry.put("from", line.from().orElse(null));
            entry.put("to", line.to().orElse(null));
            manifestChanges.add(entry);
        }
        data.put("manifest_changes", manifestChanges);
        data.put("lockfile", project.lockfileName());
        data.put("written", written);
        data.put("packages", after.packages().size());
        data.put("optimal", after.resolver().optimal());
        data.put("changes", LockfileUpdate.changes(diff, reasons));
        data.put("installed", installed.map(InstallJson::outcome).orElse(null));
        data.put("warnings", allWarnings);
        return data;
    }

    private byte[] currentLockfile() {
        try {
            return Files.readAllBytes(project.lockfilePath());
        } catch (IOException e) {
            // Unreadable now although it was just read: rewrite it.
            return new byte[0];
        }
    }
}
