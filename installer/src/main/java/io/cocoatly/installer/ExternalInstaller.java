package io.cocoatly.installer;

import io.cocoatly.config.Home;
import io.cocoatly.json.JsonArray;
import io.cocoatly.json.JsonCursor;
import io.cocoatly.json.JsonObject;
import io.cocoatly.json.StrictJson;
import io.cocoatly.lockfile.LockedPackage;
import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import io.cocoatly.model.PackageId;
import io.cocoatly.model.PackageName;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * An {@link Installer} that hands every operation to another program speaking the JSON protocol of
 * {@code docs/ipc.md}: it runs {@code command + [operation]}, writes one request on its stdin and
 * reads one envelope from its stdout. Cocoatly's own {@code bin/cocoatly-*} tools speak it, so do
 * plug-in installers configured as {@code installer.command}.
 *
 * <p>The external program reports only its outcome: the listener hears {@code planned},
 * {@code committed} and {@code removed} once it is done, and no download progress.
 *
 * <p>The program takes the installation's lock for each request, but this process cannot hold it
 * across requests: {@link #apply(Function, CommitHook, InstallListener)} reads the state with one
 * request and applies with another, so a concurrent change made in between is not seen by
 * {@code decide} (see {@code docs/ipc.md}).
 */
public final class ExternalInstaller implements Installer {

    private final List<String> command;
    private final Home configHome;
    private final Home target;
    private final Path installDir;
    private final Lifecycle lifecycle;

    /**
     * @param command    the program and its first arguments; the operation name is appended
     * @param configHome the home whose {@code config.json} the program should read
     * @param target     the installation to change
     * @param installDir where its packages go
     * @param lifecycle  what runs at the hook positions, in this process around the program's requests
     */
    public ExternalInstaller(List<String> command, Home configHome, Home target, Path installDir, Lifecycle lifecycle) {
        this.command = List.copyOf(command);
        if (this.command.isEmpty()) {
            throw new IllegalArgumentException("an external installer needs a command");
        }
        this.configHome = Objects.requireNonNull(configHome, "configHome");
        this.target = Objects.requireNonNull(target, "target");
        this.installDir = Objects.requireNonNull(installDir, "installDir");
        this.lifecycle = Objects.requireNonNull(lifecycle, "lifecycle");
    }

    @Override
    public InstallPlan plan(InstallRequest request) {
        refuseReinstall(request);
        JsonObject r = installRequest(request);
        r.put("dry_run", true);
        return readPlan(call("install", r).required("plan"), request);
    }

    @Override
    public InstallOutcome apply(InstallRequest request, InstallListener listener) {
        return apply(state -> request, CommitHook.NONE, listener);
    }

    // One install request, without hooks or lifecycle.
    private InstallOutcome send(InstallRequest request, InstallListener listener) {
        refuseReinstall(request);
        JsonCursor data = call("install", installRequest(request));
        InstallPlan plan = readPlan(data.required("plan"), request);
        listener.planned(plan);
        State state = readState(data.required("state"));
        listener.committed(state);
        plan.removals().forEach(p -> listener.removed(p.id()));
        List<PackageId> downloaded = new ArrayList<>();
        for (JsonCursor id : data.required("downloaded").elements()) {
            downloaded.add(packageId(id));
        }
        List<HomeRecovery.Removed> recovered = new ArrayList<>();
        for (JsonCursor r : data.required("recovered").elements()) {
            recovered.add(new HomeRecovery.Removed(Path.of(r.required("path").string()),
                    HomeRecovery.Kind.valueOf(r.required("kind").string().toUpperCase(Locale.ROOT))));
        }
        // `restored` and `skipped` are newer than the protocol's first version: optional.
        List<Path> restored = new ArrayList<>();
        data.optional("restored").ifPresent(a -> a.elements().forEach(p -> restored.add(Path.of(p.string()))));
        List<HomeRecovery.Skipped> skipped = new ArrayList<>();
        data.optional("skipped").ifPresent(a -> a.elements().forEach(r -> skipped.add(new HomeRecovery.Skipped(
                Path.of(r.required("path").string()), HomeRecovery.Kind.valueOf(r.required("kind").string()
                .toUpperCase(Locale.ROOT)), r.required("reason").string()))));
        return new InstallOutcome(plan, state, new HomeRecovery.Report(recovered, restored, skipped), downloaded,
                data.required("bytes").integer());
    }

    /**
     * Reads the state, decides and applies, calling {@code hook} in the same order as
     * {@link LocalInstaller}; not under one lock (the program takes it per request), and
     * {@code beforeCommit} runs before the request, as the commit happens inside the program.
     */
    @Override
    public InstallOutcome apply(Function<State, InstallRequest> decide, CommitHook hook, InstallListener listener) {
        State current = state();
        hook.locked(current);
        InstallRequest request = decide.apply(current);
        // The program plans, stages and commits in one request, so the pre-hook sees the plan of a
        // dry run just before (no staged files), and another run may change the installation between.
        if (lifecycle != Lifecycle.NONE) {
            InstallPlan planned = plan(request);
            if (!planned.isNoOp()) {
                lifecycle.beforeInstall(planned, Map.of());
            }
        }
        hook.beforeCommit(request.lockfile().ids().stream().sorted().toList());
        InstallOutcome outcome = send(request, listener);
        hook.committed(outcome.state());
        if (!outcome.plan().isNoOp()) {
            LocalInstaller.reportAfter(() -> lifecycle.afterInstall(outcome.plan(), outcome.state()), listener);
        }
        return outcome;
    }

    // The protocol has no way to ask for it, and installing without the repair asked for would
    // report success over damaged files.
    private static void refuseReinstall(InstallRequest request) {
        if (request.reinstall().any()) {
            throw new CocoatlyException(ErrorKind.INVALID_INPUT, "reinstall-unsupported", "an external installer"
                    + " (`installer.command`) cannot be asked to reinstall packages", List.of("uninstall and install"
                    + " the package again, or unset `installer.command` to use the built-in installer"));
        }
    }

    /**
     * Plans from the state read with one request (orphans included) and sends the names of what
     * goes in another: an orphan is sent only when every installed version of its name goes, as
     * the protocol removes names, not versions. The hook runs around the second request.
     */
    @Override
    public UninstallOutcome uninstall(Function<State, UninstallRequest> decide, CommitHook hook, InstallListener listener) {
        State current = state();
        hook.locked(current);
        UninstallRequest request = decide.apply(current);
        UninstallPlan plan = UninstallPlan.of(current, request);
        Set<PackageName> names = new TreeSet<>(request.names());
        Set<PackageId> gone = new HashSet<>();
        plan.gone().forEach(p -> gone.add(p.id()));
        for (StatePackage orphan : plan.orphans()) {
            if (current.find(orphan.name()).stream().allMatch(p -> gone.contains(p.id()))) {
                names.add(orphan.name());
            }
        }
        if (!plan.gone().isEmpty()) {
            lifecycle.beforeUninstall(plan);
        }
        hook.beforeCommit(plan.state().ids());
        UninstallOutcome sent = sendUninstall(names, request.force(), listener);
        hook.committed(sent.state());
        if (!plan.gone().isEmpty()) {
            LocalInstaller.reportAfter(() -> lifecycle.afterUninstall(plan, sent.state()), listener);
        }
        List<PackageId> orphans = sent.removed().stream().filter(id -> !request.names().contains(id.name())).toList();
        List<PackageId> removed = sent.removed().stream().filter(id -> request.names().contains(id.name())).toList();
        return new UninstallOutcome(removed, orphans, sent.dependents(), sent.state());
    }

    @Override
    public UninstallOutcome uninstall(Collection<PackageName> names, boolean force, InstallListener listener) {
        return uninstall(names, force, CommitHook.NONE, listener);
    }

    // One uninstall request, without hooks or lifecycle.
    private UninstallOutcome sendUninstall(Collection<PackageName> names, boolean force, InstallListener listener) {
        JsonObject r = common();
        JsonArray packages = r.putArray("packages");
        names.forEach(n -> packages.add(n.value()));
        r.put("force", force);
        JsonCursor data = call("uninstall", r);
        State state = readState(data.required("state"));
        listener.committed(state);
        List<PackageId> removed = ids(data.required("removed"));
        removed.forEach(listener::removed);
        return new UninstallOutcome(removed, ids(data.required("dependents")), state);
    }

    @Override
    public VerifyReport verify(Collection<PackageName> names) {
        JsonObject r = common();
        if (!names.isEmpty()) {
            JsonArray packages = r.putArray("packages");
            names.forEach(n -> packages.add(n.value()));
        }
        JsonCursor data = call("verify", r);
        List<VerifyReport.PackageCheck> checks = new ArrayList<>();
        for (JsonCursor p : data.required("packages").elements()) {
            PackageId id = PackageId.of(p.required("name").string(), p.required("version").string());
            checks.add(new VerifyReport.PackageCheck(id, strings(p.required("changed")), strings(p.required("missing")),
                    strings(p.required("extra"))));
        }
        return new VerifyReport(checks);
    }

    @Override
    public State state() {
        return readState(call("state", common()));
    }

    private JsonObject common() {
        JsonObject r = JsonObject.create();
        r.put("home", target.root().toString());
        r.put("config_home", configHome.root().toString());
        r.put("install_dir", installDir.toAbsolutePath().toString());
        return r;
    }

    private JsonObject installRequest(InstallRequest request) {
        JsonObject r = common();
        r.put("registry", request.registry().map(URI::toString).orElse(null));
        r.set("lockfile", IpcJson.lockfile(request.lockfile()));
        return r;
    }

    private InstallPlan readPlan(JsonCursor at, InstallRequest request) {
        List<PlannedPackage> packages = new ArrayList<>();
        for (JsonCursor p : at.required("packages").elements()) {
            PackageId id = PackageId.of(p.required("name").string(), p.required("version").string());
            LockedPackage locked = request.lockfile().find(id).orElseThrow(() -> p.error("`" + id
                    + "` is not a package of the lockfile sent"));
            PlannedPackage.Action action = PlannedPackage.Action.valueOf(p.required("action").string().toUpperCase(Locale.ROOT));
            PlannedPackage.Fetch fetch = PlannedPackage.Fetch.valueOf(p.required("fetch").string().toUpperCase(Locale.ROOT));
            JsonCursor urlAt = p.required("url");
            Optional<DownloadRequest> download = urlAt.isNull() || locked.artifact().isEmpty() ? Optional.empty()
                    : Optional.of(new DownloadRequest(id, locked.artifact().get(), URI.create(urlAt.string())));
            JsonCursor replacesAt = p.required("replaces");
            Optional<PackageId> replaces = replacesAt.isNull() ? Optional.empty() : Optional.of(packageId(replacesAt));
            packages.add(new PlannedPackage(locked, action, fetch, download, replaces));
        }
        JsonObject removals = JsonObject.create();
        removals.put("state", State.FORMAT);
        removals.set("packages", at.required("removals"));
        State removed = StateStore.parse(IpcJson.bytes(removals), IpcJson.RESPONSE);
        return new InstallPlan(request.lockfile(), packages, request.lockfile().installOrder(), removed.packages());
    }

    private static State readState(JsonCursor at) {
        return StateStore.parse(at.canonicalBytes(), IpcJson.RESPONSE);
    }

    private static List<PackageId> ids(JsonCursor at) {
        List<PackageId> ids = new ArrayList<>();
        for (JsonCursor id : at.elements()) {
            ids.add(packageId(id));
        }
        return ids;
    }

    private static PackageId packageId(JsonCursor at) {
        String text = at.string();
        int sep = text.lastIndexOf('@');
        if (sep <= 0) {
            throw at.error("expected `name@version`: `" + text + "`");
        }
        return PackageId.of(text.substring(0, sep), text.substring(sep + 1));
    }

    private static List<String> strings(JsonCursor at) {
        List<String> out = new ArrayList<>();
        for (JsonCursor s : at.elements()) {
            out.add(s.string());
        }
        return out;
    }

    /** Runs one operation; returns the envelope's data, or throws its error. */
    private JsonCursor call(String operation, JsonObject request) {
        List<String> argv = new ArrayList<>(command);
        argv.add(operation);
        Process process;
        try {
            process = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.PIPE).start();
        } catch (IOException e) {
            throw new CocoatlyException(ErrorKind.FAILED, "installer-failed", "cannot run the installer `" + String.join(" ", argv) + "`: "
                    + e.getMessage(), List.of("check `installer.command` in config.json"), e);
        }
        CompletableFuture<byte[]> stdout = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        CompletableFuture<byte[]> stderr = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        try (OutputStream in = process.getOutputStream()) {
            in.write(IpcJson.bytes(request));
        } catch (IOException e) {
            // The program exited without reading its request; its output says why.
        }
        int exit;
        try {
            exit = process.waitFor();
        } catch (InterruptedException e) {
            process.destroy();
            Thread.currentThread().interrupt();
            throw new CocoatlyException(ErrorKind.FAILED, "installer-failed", "interrupted while `" + argv.get(0) + "` ran", List.of());
        }
        byte[] out = stdout.join();
        String errText = new String(stderr.join(), StandardCharsets.UTF_8).strip();
        JsonCursor envelope;
        try {
            envelope = StrictJson.parse(out, IpcJson.RESPONSE, "installer-protocol", Home.EMPTY_FILE_HINT).object();
        } catch (CocoatlyException e) {
            throw new CocoatlyException(ErrorKind.FAILED, "installer-protocol", "the installer `" + String.join(" ", argv) + "` exited with "
                    + exit + " without a JSON envelope" + (errText.isEmpty() ? "" : ": " + lastLine(errText)),
                    List.of("see docs/ipc.md for the protocol"), e);
        }
        if (envelope.required("success").bool()) {
            if (exit != 0) {
                throw new CocoatlyException(ErrorKind.FAILED, "installer-protocol", "the installer `" + argv.get(0) + "` reported success"
                        + " but exited with " + exit, List.of("see docs/ipc.md for the protocol"));
            }
            return envelope.required("data");
        }
        JsonCursor error = envelope.required("error");
        List<String> hints = new ArrayList<>();
        error.optional("hints").ifPresent(h -> h.elements().forEach(x -> hints.add(x.string())));
        throw new CocoatlyException(IpcJson.kindOf(error.optional("kind").map(JsonCursor::string)),
                error.required("code").string(), error.required("message").string(), hints);
    }

    private static String lastLine(String text) {
        String[] lines = text.split("\n");
        return lines[lines.length - 1];
    }

    private static byte[] readAll(InputStream in) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (in) {
            in.transferTo(buffer);
        } catch (IOException e) {
            // A broken pipe: keep what arrived.
        }
        return buffer.toByteArray();
    }
}
