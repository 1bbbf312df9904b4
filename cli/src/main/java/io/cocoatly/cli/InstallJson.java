package io.cocoatly.cli;

import io.cocoatly.installer.InstallOutcome;
import io.cocoatly.installer.InstallPlan;
import io.cocoatly.installer.PlannedPackage;
import io.cocoatly.installer.State;
import io.cocoatly.installer.StatePackage;
import io.cocoatly.installer.UninstallOutcome;
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

    static List<String> diffLines(InstallPlan plan) {
        return plan.diff().changes().stream().map(LockfileDiffText::line).toList();
    }

    static String diffText(InstallPlan plan) {
        return LockfileDiffText.render(plan.diff());
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
        data.put("dependents", ids(outcome.dependents()));
        return data;
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
