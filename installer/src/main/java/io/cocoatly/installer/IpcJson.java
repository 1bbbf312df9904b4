package io.cocoatly.installer;

import io.cocoatly.model.ErrorKind;
import io.cocoatly.config.Home;
import io.cocoatly.json.JsonArray;
import io.cocoatly.json.JsonCursor;
import io.cocoatly.json.JsonObject;
import io.cocoatly.json.JsonValue;
import io.cocoatly.json.StrictJson;
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

    static JsonObject plan(InstallPlan plan) {
        JsonObject node = JsonObject.create();
        JsonArray packages = node.putArray("packages");
        for (PlannedPackage p : plan.packages()) {
            JsonObject n = packages.addObject();
            n.put("name", p.id().name().value());
            n.put("version", p.id().version().toString());
            n.put("action", p.action().name().toLowerCase(java.util.Locale.ROOT));
            n.put("fetch", p.fetch().name().toLowerCase(java.util.Locale.ROOT));
            n.put("url", p.download().map(d -> d.url().toString()).orElse(null));
            n.put("replaces", p.replaces().map(PackageId::toString).orElse(null));
        }
        node.set("removals", state(new State(plan.removals())).required("packages"));
        JsonArray diff = node.putArray("diff");
        plan.diff().changes().forEach(c -> diff.add(io.cocoatly.lockfile.LockfileDiffText.line(c)));
        return node;
    }

    static JsonObject outcome(InstallOutcome outcome) {
        JsonObject node = JsonObject.create();
        node.set("plan", plan(outcome.plan()));
        JsonArray downloaded = node.putArray("downloaded");
        outcome.downloaded().forEach(id -> downloaded.add(id.toString()));
        node.put("bytes", outcome.bytes());
        node.set("recovered", recovery(outcome.recovery()));
        JsonArray restored = node.putArray("restored");
        outcome.recovery().restored().forEach(path -> restored.add(path.toString()));
        JsonArray skipped = node.putArray("skipped");
        for (HomeRecovery.Skipped s : outcome.recovery().skipped()) {
            skipped.addObject().put("path", s.path().toString()).put("kind", s.kind().name().toLowerCase(java.util.Locale.ROOT))
                    .put("reason", s.reason());
        }
        node.set("state", state(outcome.state()));
        return node;
    }

    static JsonArray recovery(HomeRecovery.Report report) {
        JsonArray removed = JsonArray.create();
        for (HomeRecovery.Removed r : report.removed()) {
            removed.addObject().put("path", r.path().toString()).put("kind", r.kind().name().toLowerCase(java.util.Locale.ROOT));
        }
        return removed;
    }

    static JsonObject uninstall(UninstallOutcome outcome) {
        JsonObject node = JsonObject.create();
        JsonArray removed = node.putArray("removed");
        outcome.removed().forEach(id -> removed.add(id.toString()));
        JsonArray dependents = node.putArray("dependents");
        outcome.dependents().forEach(id -> dependents.add(id.toString()));
        node.set("state", state(outcome.state()));
        return node;
    }

    static JsonObject verify(VerifyReport report) {
        JsonObject node = JsonObject.create();
        node.put("ok", report.ok());
        JsonArray packages = node.putArray("packages");
        for (VerifyReport.PackageCheck c : report.packages()) {
            JsonObject n = packages.addObject();
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
    static JsonCursor state(State state) {
        return StrictJson.parse(StateStore.toBytes(state), RESPONSE, StateStore.INVALID, Home.EMPTY_FILE_HINT);
    }

    static JsonCursor lockfile(io.cocoatly.lockfile.Lockfile lockfile) {
        return StrictJson.parse(LockfileWriter.toBytes(lockfile), REQUEST, "invalid-request", Home.EMPTY_FILE_HINT);
    }

    static byte[] bytes(JsonValue node) {
        return node.canonicalBytes();
    }

    static String text(JsonValue node) {
        return new String(bytes(node), StandardCharsets.UTF_8);
    }

    /** An error kind as the protocol spells it: {@code invalid-input}, {@code failed}, ... (docs/ipc.md). */
    static String kindName(ErrorKind kind) {
        return kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** The kind a protocol error names; {@code failed} when absent or unknown (older tools send none). */
    static ErrorKind kindOf(java.util.Optional<String> name) {
        for (ErrorKind kind : ErrorKind.values()) {
            if (name.isPresent() && kindName(kind).equals(name.get())) {
                return kind;
            }
        }
        return ErrorKind.FAILED;
    }
}
