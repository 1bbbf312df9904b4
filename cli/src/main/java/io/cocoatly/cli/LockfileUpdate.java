package io.cocoatly.cli;

import io.cocoatly.project.ChangeReasons;
import io.cocoatly.project.Relock;
import io.cocoatly.lockfile.Lockfile;
import io.cocoatly.lockfile.LockfileDiff;
import io.cocoatly.lockfile.LockfileDiff.Added;
import io.cocoatly.lockfile.LockfileDiff.Change;
import io.cocoatly.lockfile.LockfileDiff.Changed;
import io.cocoatly.lockfile.LockfileDiff.Removed;
import io.cocoatly.lockfile.LockfileDiffText;
import io.cocoatly.lockfile.LockfileWriter;
import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageIndex;
import io.cocoatly.model.PackageName;
import io.cocoatly.model.VersionPolicy;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The end of {@code lock} and {@code update}: compare the new lockfile with the old one, write it
 * (only if its bytes differ) and report the diff with a reason per line.
 */
final class LockfileUpdate {

    private LockfileUpdate() {
    }

    /**
     * The policy to resolve under: {@code --multiple-versions} if given, else the existing
     * lockfile's, so a project locked under {@code semver-major} stays so.
     */
    static VersionPolicy policy(CommandSpec spec, RegistryOptions registry, Optional<Lockfile> existing) {
        if (spec.commandLine().getParseResult().hasMatchedOption("--multiple-versions") || existing.isEmpty()) {
            return registry.policy();
        }
        return existing.get().resolver().multipleVersions();
    }

    /** Writes {@code outcome} if it changes the file, prints what changed, and returns the exit code. */
    static int finish(Context context, ProjectFiles project, PackageIndex index, Optional<Lockfile> before,
            Relock.Outcome outcome, Set<PackageName> requested, boolean json) {
        return finish(context, project, index, before, outcome, requested, json, false);
    }

    /**
     * As {@link #finish(Context, ProjectFiles, PackageIndex, Optional, Relock.Outcome, Set, boolean)};
     * with {@code dryRun} nothing is written, the summary says what would be, and the JSON data has
     * {@code "dry_run": true} (and {@code "written": false}).
     */
    static int finish(Context context, ProjectFiles project, PackageIndex index, Optional<Lockfile> before,
            Relock.Outcome outcome, Set<PackageName> requested, boolean json, boolean dryRun) {
        Lockfile after = outcome.lockfile();
        byte[] bytes = LockfileWriter.toBytes(after);
        boolean changes = before.isEmpty() || !Arrays.equals(bytes, currentBytes(project));
        boolean write = changes && !dryRun;
        if (write) {
            LockfileWriter.write(after, project.lockfilePath());
        }
        List<PackageId> old = before.map(Lockfile::ids).orElse(List.of());
        LockfileDiff diff = LockfileDiff.between(old, after.ids());
        ChangeReasons reasons = new ChangeReasons(index, project.manifest(), after, requested);
        if (json) {
            Map<String, Object> data = data(project, after, diff, reasons, write, outcome.warnings());
            if (dryRun) {
                data.put("dry_run", true);
            }
            Json.write(context.out(), Envelope.success(data));
            return ExitCodes.OK;
        }
        PrintWriter out = context.out();
        for (String warning : outcome.warnings()) {
            context.warn(warning);
        }
        if (context.console().quiet()) {
            // -q: errors only; the lockfile is written all the same.
            return ExitCodes.OK;
        }
        for (Change change : diff.changes()) {
            out.println(context.console().out().diffLine(LockfileDiffText.line(change)) + " (" + reasons.of(change) + ")");
        }
        out.println(summary(project, after, diff, changes, dryRun));
        if (dryRun) {
            out.println(InstallJson.DRY_RUN);
        }
        out.flush();
        context.err().flush();
        return ExitCodes.OK;
    }

    static String summary(ProjectFiles project, Lockfile after, LockfileDiff diff, boolean changes,
            boolean dryRun) {
        if (!changes) {
            return "Lockfile is up to date.";
        }
        int n = after.packages().size();
        String how = after.resolver().optimal() ? "optimum proven" : "best found in time; optimum not proven";
        return (diff.isEmpty() ? "No package changed. " : "") + (dryRun ? "Would lock " : "Locked ") + n
                + (n == 1 ? " package" : " packages") + " in " + project.lockfileName() + " (" + how + ").";
    }

    private static byte[] currentBytes(ProjectFiles project) {
        try {
            return Files.readAllBytes(project.lockfilePath());
        } catch (IOException e) {
            // Unreadable now although it was just read: rewrite it.
            return new byte[0];
        }
    }

    private static Map<String, Object> data(ProjectFiles project, Lockfile after, LockfileDiff diff,
            ChangeReasons reasons, boolean written, List<String> warnings) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("lockfile", project.lockfileName());
        data.put("written", written);
        data.put("packages", after.packages().size());
        data.put("optimal", after.resolver().optimal());
        data.put("changes", changes(diff, reasons));
        data.put("warnings", warnings);
        return data;
    }

    /** The diff as JSON: {@code {"change": "added"|"removed"|"changed", "name", ..., "reason"}}. */
    static List<Object> changes(LockfileDiff diff, ChangeReasons reasons) {
        List<Object> changes = new ArrayList<>();
        for (Change change : diff.changes()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            if (change instanceof Added a) {
                entry.put("change", "added");
                entry.put("name", a.name().value());
                entry.put("version", a.id().version().toString());
            } else if (change instanceof Removed r) {
                entry.put("change", "removed");
                entry.put("name", r.name().value());
                entry.put("version", r.id().version().toString());
            } else if (change instanceof Changed c) {
                entry.put("change", "changed");
                entry.put("name", c.name().value());
                entry.put("from", c.from().toString());
                entry.put("to", c.to().toString());
            } else {
                throw new AssertionError(change);
            }
            entry.put("reason", reasons.of(change));
            changes.add(entry);
        }
        return changes;
    }
}
