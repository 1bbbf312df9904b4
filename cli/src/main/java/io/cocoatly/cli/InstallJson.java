package io.cocoatly.cli;

import io.cocoatly.installer.InstallOutcome;
import io.cocoatly.installer.InstallPlan;
import io.cocoatly.installer.PlannedPackage;
import io.cocoatly.installer.State;
import io.cocoatly.installer.StatePackage;
import io.cocoatly.installer.UninstallOutcome;
import io.cocoatly.installer.UninstallPlan;
import io.cocoatly.installer.VerifyReport;
import io.cocoatly.lockfile.LockfileDiffText;
import io.cocoatly.model.PackageId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The data of the installer commands' {@code --json} envelopes, and their text summaries. */
final class InstallJson {

    /** The last line of every {@code --dry-run}'s text. */
    static final String DRY_RUN = "(dry run: nothing changed)";

    private InstallJson() {
    }

    static Map<String, Object> outcome(InstallOutcome outcome) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("plan", plan(outcome.plan()));
        data.put("diff", diffLines(outcome.plan()));
        data.put("downloaded", ids(outcome.downloaded()));
        data.put("bytes", outcome.bytes());
        data.put("recovered", outcome.recovery().removed().stream().map(r -> r.path().toString()).toList());
        data.put("restored", outcome.recovery().restored().stream().map(Object::toString).toList());
        // Leftovers recovery could not delete, as the warning text the CLI prints without --json.
        data.put("skipped", outcome.recovery().skipped().stream().map(s -> s.message()).toList());
        return data;
    }

    static List<Object> plan(InstallPlan plan) {
        List<Object> out = new ArrayList<>();
        for (PlannedPackage p : plan.packages()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", p.id().name().value());
            m.put("version", p.id().version().toString());
            m.put("action", p.action().name().toLowerCase(Locale.ROOT));
            m.put("fetch", p.fetch().name().toLowerCase(Locale.ROOT));
            m.put("replaces", p.replaces().map(PackageId::toString).orElse(null));
            out.add(m);
        }
        for (StatePackage r : plan.removals()) {
            if (plan.find(r.id()).isEmpty()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", r.name().value());
                m.put("version", r.version().toString());
                m.put("action", "remove");
                m.put("fetch", "none");
                m.put("replaces", null);
                out.add(m);
            }
        }
        return out;
    }

    /**
     * The plan's changes as lines: {@code + a 1.0.0}, {@code - b 1.0.0}, {@code ~ c 1.0.0 -> 2.0.0},
     * then {@code ~ d 1.0.0 (reinstalled)} for each package unpacked again at the same version (as uv
     * marks a reinstall), which the version diff alone would not show.
     */
    static List<String> diffLines(InstallPlan plan) {
        List<String> lines = new ArrayList<>(plan.diff().changes().stream().map(LockfileDiffText::line).toList());
        plan.packages().stream().filter(p -> p.action() == PlannedPackage.Action.REINSTALL).sorted((x, y) -> x.id()
                .compareTo(y.id())).forEach(p -> lines.add("~ " + p.id().name() + " " + p.id().version() + " (reinstalled)"));
        return lines;
    }

    static String diffText(InstallPlan plan) {
        StringBuilder text = new StringBuilder();
        diffLines(plan).forEach(line -> text.append(line).append('\n'));
        return text.toString();
    }

    /** The data of an install's {@code --dry-run}: the plan, its lines, and what would be downloaded. */
    static Map<String, Object> dryRun(InstallPlan plan) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("dry_run", true);
        data.put("plan", plan(plan));
        data.put("diff", diffLines(plan));
        data.put("download", ids(plan.packages().stream().filter(p -> p.fetch() == PlannedPackage.Fetch.DOWNLOAD)
                .map(PlannedPackage::id).toList()));
        data.put("bytes", plan.downloadBytes());
        return data;
    }

    /** The summary of a plan not carried out, for {@code --dry-run}. */
    static String plannedSummary(InstallPlan plan) {
        int n = plan.lockfile().packages().size();
        if (plan.isNoOp()) {
            return "Nothing to do: " + count(n) + " up to date.";
        }
        long downloads = plan.fetches().stream().filter(p -> p.fetch() == PlannedPackage.Fetch.DOWNLOAD).count();
        return "Would install " + count(plan.changes().size()) + " (" + downloads + " to download, "
                + InstallProgress.bytes(plan.downloadBytes()) + "; " + (plan.fetches().size() - downloads)
                + " from cache), remove " + count(plan.removals().size()) + "; " + count(n) + " in total.";
    }

    static String summary(InstallOutcome outcome) {
        InstallPlan plan = outcome.plan();
        int n = plan.lockfile().packages().size();
        if (plan.isNoOp()) {
            return "Nothing to do: " + count(n) + " up to date.";
        }
        int fromCache = plan.fetches().size() - outcome.downloaded().size();
        return "Installed " + count(plan.changes().size()) + " (" + outcome.downloaded().size() + " downloaded, "
                + InstallProgress.bytes(outcome.bytes()) + "; " + fromCache + " from cache), removed "
                + count(plan.removals().size()) + "; " + count(n) + " in total.";
    }

    static String count(int n) {
        return n + (n == 1 ? " package" : " packages");
    }

    static Map<String, Object> uninstall(UninstallOutcome outcome) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("removed", ids(outcome.removed()));
        data.put("orphans", ids(outcome.orphans()));
        data.put("dependents", ids(outcome.dependents()));
        return data;
    }

    /** The data of {@code uninstall --dry-run}: what would go, as {@link #uninstall} reports what went. */
    static Map<String, Object> uninstall(UninstallPlan plan) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("dry_run", true);
        data.put("removed", ids(plan.removed().stream().map(StatePackage::id).toList()));
        data.put("orphans", ids(plan.orphans().stream().map(StatePackage::id).toList()));
        data.put("dependents", ids(plan.dependents()));
        return data;
    }

    /** The text lines of an uninstall: {@code - a 1.0.0}, then {@code - b 1.0.0 (no longer needed)} per orphan. */
    static List<String> uninstallLines(List<PackageId> removed, List<PackageId> orphans) {
        List<String> lines = new ArrayList<>();
        removed.forEach(id -> lines.add("- " + id.name() + " " + id.version()));
        orphans.forEach(id -> lines.add("- " + id.name() + " " + id.version() + " (no longer needed)"));
        return lines;
    }

    static List<Object> state(State state) {
        List<Object> out = new ArrayList<>();
        for (StatePackage p : state.packages()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", p.name().value());
            m.put("version", p.version().toString());
            m.put("source", p.source());
            m.put("digest", p.digest().orElse(null));
            m.put("install_path", p.installPath().toString());
            m.put("installed_at", p.installedAt().toString());
            m.put("files", p.files().size());
            m.put("dependencies", ids(p.dependencies()));
            out.add(m);
        }
        return out;
    }

    static Map<String, Object> verify(VerifyReport report) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("ok", report.ok());
        List<Object> packages = new ArrayList<>();
        for (VerifyReport.PackageCheck c : report.packages()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", c.id().name().value());
            m.put("version", c.id().version().toString());
            m.put("ok", c.ok());
            m.put("changed", c.changed());
            m.put("missing", c.missing());
            m.put("extra", c.extra());
            packages.add(m);
        }
        data.put("packages", packages);
        return data;
    }

    static List<String> ids(List<PackageId> ids) {
        return ids.stream().map(PackageId::toString).toList();
    }
}
