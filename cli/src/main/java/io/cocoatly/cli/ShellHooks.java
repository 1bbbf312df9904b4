package io.cocoatly.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.cocoatly.config.ConfigHooks;
import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import io.cocoatly.model.ManifestMetadata;
import io.cocoatly.plugin.LifecycleEvent;
import io.cocoatly.plugin.Operation;
import io.cocoatly.plugin.PackageChange;
import io.cocoatly.plugin.Plugin;
import io.cocoatly.plugin.Verdict;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The built-in plugin {@code shell-hooks}: runs the commands of {@code config.json}'s {@code hooks}
 * section at the pipeline's positions, as the installer did before plugins existed. A command is an
 * argument vector run without a shell, with an empty stdin and its output on Cocoatly's stderr
 * (stdout may be a protocol channel, as for {@code --json}), in the run's environment plus:
 * <ul>
 *   <li>{@code COCOATLY_HOOK}: the hook's key, e.g. {@code on_pre_install};
 *   <li>{@code COCOATLY_PACKAGES}: the packages concerned as space-separated {@code name@version}, sorted:
 *       for the install hooks those installed, updated or reinstalled (not those the lockfile dropped),
 *       for {@code on_package_update} the updated ones, for the uninstall hooks the removed ones;
 *   <li>{@code COCOATLY_INSTALL_DIR}: the installation's package directory;
 *   <li>{@code COCOATLY_EVENT}: the whole event as one line of JSON (docs/plugins-shell-hooks.md), or,
 *       when that is too long for one environment variable, {@code COCOATLY_EVENT_FILE} naming a file
 *       that holds it for the time of the call.
 * </ul>
 * A hook is not run when no package is concerned in {@code COCOATLY_PACKAGES} (an install that only
 * drops packages runs no install hook, as before). A non-zero exit, a command that cannot start, or one
 * still running after {@code plugins.timeout_seconds} (it is killed, with what it started) is a failure:
 * thrown as {@code hook-failed}, which the pipeline turns into a refusal before the change and a
 * warning after it. The codes and wording are the ones scripts saw before plugins existed.
 */
final class ShellHooks implements Plugin {

    /** The variable holding the event as JSON. */
    static final String EVENT_VARIABLE = "COCOATLY_EVENT";
    /** The variable naming a file with the event, when it is too long for {@link #EVENT_VARIABLE}. */
    static final String EVENT_FILE_VARIABLE = "COCOATLY_EVENT_FILE";
    /**
     * The longest event passed in {@link #EVENT_VARIABLE}: Linux refuses to start a program with one
     * environment string over 128 KiB ({@code MAX_ARG_STRLEN}), so a large install's event goes to a file.
     */
    static final int EVENT_VARIABLE_LIMIT = 100_000;
    /** The failure code, kept from the installer's own hooks so that scripts checking it keep working. */
    static final String CODE = "hook-failed";

    private final ConfigHooks hooks;
    private final Duration timeout;
    private final Map<String, String> env;

    /**
     * @param hooks   the commands ({@code hooks.*})
     * @param timeout how long one command may run ({@code plugins.timeout_seconds})
     * @param env     the environment of this run, which the commands inherit
     */
    ShellHooks(ConfigHooks hooks, Duration timeout, Map<String, String> env) {
        this.hooks = hooks;
        this.timeout = timeout;
        this.env = Map.copyOf(env);
    }

    /** Whether no hook command is configured, so that running this plugin would do nothing. */
    boolean isEmpty() {
        return hooks.commands().isEmpty();
    }

    @Override
    public String description() {
        return "runs the commands of config.json's `hooks` section";
    }

    @Override
    public Verdict onPreInstall(LifecycleEvent event) {
        refuseOnFailure(event);
        return Verdict.proceed();
    }

    @Override
    public void onPostInstall(LifecycleEvent event) {
        warnOnFailure(event);
    }

    @Override
    public Verdict onPreUninstall(LifecycleEvent event) {
        refuseOnFailure(event);
        return Verdict.proceed();
    }

    @Override
    public void onPostUninstall(LifecycleEvent event) {
        warnOnFailure(event);
    }

    @Override
    public void onPackageUpdate(LifecycleEvent event) {
        warnOnFailure(event);
    }

    private void refuseOnFailure(LifecycleEvent event) {
        run(event).ifPresent(problem -> {
            throw new CocoatlyException(ErrorKind.FAILED, CODE, problem + "; nothing was changed",
                    List.of("fix or remove `hooks." + event.hook().key() + "` in config.json"));
        });
    }

    // After the change a failure is only reported: the pipeline shows the message as a warning.
    private void warnOnFailure(LifecycleEvent event) {
        run(event).ifPresent(problem -> {
            throw new CocoatlyException(ErrorKind.FAILED, CODE, problem, List.of());
        });
    }

    /**
     * Runs the command of {@code event}'s hook, if one is configured and a package is concerned, and
     * waits for it at most the time limit.
     *
     * @return why it failed (exit status, could not start, killed after the time limit), empty when it
     *     succeeded or did not run
     */
    Optional<String> run(LifecycleEvent event) {
        Optional<List<String>> argv = ConfigHooks.Hook.fromKey(event.hook().key()).flatMap(hooks::command);
        List<PackageChange> concerned = event.packages().stream()
                .filter(p -> event.operation() == Operation.UNINSTALL || p.kind() != PackageChange.Kind.REMOVE).toList();
        if (argv.isEmpty() || concerned.isEmpty()) {
            return Optional.empty();
        }
        String program = argv.get().get(0);
        String name = "hook `" + event.hook().key() + "` (`" + program + "`)";
        ProcessBuilder pb = new ProcessBuilder(argv.get()).redirectError(ProcessBuilder.Redirect.INHERIT)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(new File("/dev/stderr")));
        Map<String, String> environment = pb.environment();
        environment.clear();
        environment.putAll(env);
        environment.put("COCOATLY_HOOK", event.hook().key());
        environment.put("COCOATLY_PACKAGES", concerned.stream().map(PackageChange::toString).collect(Collectors.joining(" ")));
        environment.put("COCOATLY_INSTALL_DIR", event.installation().installDir().toString());
        environment.remove(EVENT_VARIABLE);
        environment.remove(EVENT_FILE_VARIABLE);
        String json = json(event);
        Path eventFile = null;
        try {
            if (json.length() <= EVENT_VARIABLE_LIMIT) {
                environment.put(EVENT_VARIABLE, json);
            } else {
                eventFile = Files.createTempFile("cocoatly-event-", ".json");
                Files.writeString(eventFile, json + "\n", StandardCharsets.UTF_8);
                environment.put(EVENT_FILE_VARIABLE, eventFile.toString());
            }
            return waitFor(pb.start(), name);
        } catch (IOException e) {
            return Optional.of(name + " could not be run: " + e.getMessage());
        } finally {
            if (eventFile != null) {
                try {
                    Files.deleteIfExists(eventFile);
                } catch (IOException e) {
                    // A leftover in the temporary directory, readable by its owner only.
                }
            }
        }
    }

    private Optional<String> waitFor(Process process, String name) throws IOException {
        process.getOutputStream().close();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(process);
                return Optional.of(name + " did not finish within " + seconds(timeout) + " and was killed");
            }
            int exit = process.exitValue();
            return exit == 0 ? Optional.empty() : Optional.of(name + " exited with " + exit);
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while " + name + " ran");
        }
    }

    // The process and whatever it started: a `sh -c "…"` hook's children would otherwise run on,
    // holding the terminal. The descendants are listed first, since once the parent is gone they
    // belong to init and are no longer found.
    private static void kill(Process process) {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
    }

    /** {@code 60 s}, {@code 1 s}: a time limit as messages show it. */
    static String seconds(Duration d) {
        return d.toSeconds() + " s";
    }

    /** The event as one line of JSON, {@code COCOATLY_EVENT}: the fields of {@link LifecycleEvent} in snake case. */
    static String json(LifecycleEvent event) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("hook", event.hook().key());
        root.put("operation", lower(event.operation()));
        Map<String, Object> installation = new LinkedHashMap<>();
        installation.put("kind", lower(event.installation().kind()));
        installation.put("root", event.installation().root().toString());
        installation.put("install_dir", event.installation().installDir().toString());
        root.put("installation", installation);
        root.put("home", event.home().toString());
        List<Map<String, Object>> packages = new ArrayList<>();
        for (PackageChange p : event.packages()) {
            Map<String, Object> change = new LinkedHashMap<>();
            change.put("name", p.name().toString());
            change.put("version", p.version().toString());
            change.put("previous_version", p.previousVersion().map(Object::toString).orElse(null));
            change.put("kind", lower(p.kind()));
            change.put("install_path", p.installPath().toString());
            change.put("files", p.files().toString());
            change.put("metadata", metadata(p.metadata()));
            packages.add(change);
        }
        root.put("packages", packages);
        try {
            return Json.mapper().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> metadata(ManifestMetadata m) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("description", m.description().orElse(null));
        metadata.put("license", m.license().orElse(null));
        metadata.put("repository", m.repository().orElse(null));
        metadata.put("keywords", m.keywords());
        metadata.put("categories", m.categories());
        return metadata;
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
