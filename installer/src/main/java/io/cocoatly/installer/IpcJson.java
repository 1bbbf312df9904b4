package io.cocoatly.installer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cocoatly.lockfile.LockfileWriter;
import io.cocoatly.model.PackageId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The JSON shapes of the installer protocol ({@code docs/ipc.md}): the data of each tool's response,
 * written by {@link InstallerTool} and read back by {@link ExternalInstaller}.
 */
final class IpcJson {

    static final Path RESPONSE = Path.of("installer-response");
    static final Path REQUEST = Path.of("installer-request");

    private IpcJson() {
    }

    static ObjectNode plan(InstallPlan plan) {
        ObjectNode node = HomeJson.object();
        ArrayNode packages = node.putArray("packages");
        for (PlannedPackage p : plan.packages()) {
            ObjectNode n = packages.addObject();
            n.put("name", p.id().name().value());
            n.put("version", p.id().version().toString());
            n.put("action", p.action().name().toLowerCase(java.util.Locale.ROOT));
            n.put("fetch", p.fetch().name().toLowerCase(java.util.Locale.ROOT));
            n.put("url", p.download().map(d -> d.url().toString()).orElse(null));
            n.put("replaces", p.replaces().map(PackageId::toString).orElse(null));
        }
        node.set("removals", state(new State(plan.removals())).get("packages"));
        ArrayNode diff = node.putArray("diff");
        plan.diff().changes().forEach(c -> diff.add(io.cocoatly.lockfile.LockfileDiffText.line(c)));
        return node;
    }

    static ObjectNode outcome(InstallOutcome outcome) {
        ObjectNode node = HomeJson.object();
        node.set("plan", plan(outcome.plan()));
        ArrayNode downloaded = node.putArray("downloaded");
        outcome.downloaded().forEach(id -> downloaded.add(id.toString()));
        node.put("bytes", outcome.bytes());
        node.set("recovered", recovery(outcome.recovery()));
        node.set("state", state(outcome.state()));
        return node;
    }

    static ArrayNode recovery(HomeRecovery.Report report) {
        ArrayNode removed = HomeJson.object().arrayNode();
        for (HomeRecovery.Removed r : report.removed()) {
            removed.addObject().put("path", r.path().toString()).put("kind", r.kind().name().toLowerCase(java.util.Locale.ROOT));
        }
        return removed;
    }

    static ObjectNode uninstall(UninstallOutcome outcome) {
        ObjectNode node = HomeJson.object();
        ArrayNode removed = node.putArray("removed");
        outcome.removed().forEach(id -> removed.add(id.toString()));
        ArrayNode dependents = node.putArray("dependents");
        outcome.dependents().forEach(id -> dependents.add(id.toString()));
        node.set("state", state(outcome.state()));
        return node;
    }

    static ObjectNode verify(VerifyReport report) {
        ObjectNode node = HomeJson.object();
        node.put("ok", report.ok());
        ArrayNode packages = node.putArray("packages");
        for (VerifyReport.PackageCheck c : report.packages()) {
            ObjectNode n = packages.addObject();
            n.put("name", c.id().name().value());
            n.put("version", c.id().version().toString());
            n.put("ok", c.ok());
            c.changed().forEach(n.putArray("changed")::add);
            c.missing().forEach(n.putArray("missing")::add);
            c.extra().forEach(n.putArray("extra")::add);
        }
        return node;
    }

    /** The state document, exactly as {@code state.json} holds it. */
    static ObjectNode state(State state) {
        return (ObjectNode) HomeJson.parse(StateStore.toBytes(state), RESPONSE, StateStore.INVALID).node();
    }

    static JsonNode lockfile(io.cocoatly.lockfile.Lockfile lockfile) {
        return HomeJson.parse(LockfileWriter.toBytes(lockfile), REQUEST, "invalid-request").node();
    }

    static byte[] bytes(JsonNode node) {
        return HomeJson.bytes(node);
    }

    static String text(JsonNode node) {
        return new String(bytes(node), StandardCharsets.UTF_8);
    }
}
