package io.cocoatly.installer;

import io.cocoatly.config.ConfigHooks;
import io.cocoatly.model.CocoatlyException;
import io.cocoatly.model.ErrorKind;
import io.cocoatly.model.PackageId;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Runs the {@code hooks.*} commands of {@code config.json}: the argument vector as given (no shell),
 * with the hook's name, the packages concerned and the install directory in the environment
 * ({@code COCOATLY_HOOK}, {@code COCOATLY_PACKAGES} as space-separated {@code name@version},
 * {@code COCOATLY_INSTALL_DIR}). Its output goes to this process's stderr (stdout may be a
 * protocol channel, as for the JSON tools), its stdin is empty. A hook is not run when no package
 * is concerned.
 */
final class HookRunner {

    private final ConfigHooks hooks;
    private final Path installDir;

    HookRunner(ConfigHooks hooks, Path installDir) {
        this.hooks = hooks;
        this.installDir = installDir;
    }

    /**
     * Runs {@code hook} and waits for it.
     *
     * @return a description of the failure (exit status or why it could not start), empty on success
     *     or when the hook is not configured
     */
    Optional<String> run(ConfigHooks.Hook hook, List<PackageId> packages) {
        Optional<List<String>> argv = hooks.command(hook);
        if (argv.isEmpty() || packages.isEmpty()) {
            return Optional.empty();
        }
        ProcessBuilder pb = new ProcessBuilder(argv.get()).redirectError(ProcessBuilder.Redirect.INHERIT)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(new File("/dev/stderr")));
        Map<String, String> env = pb.environment();
        env.put("COCOATLY_HOOK", hook.key());
        env.put("COCOATLY_PACKAGES", packages.stream().sorted().map(PackageId::toString).collect(Collectors.joining(" ")));
        env.put("COCOATLY_INSTALL_DIR", installDir.toAbsolutePath().toString());
        try {
            Process process = pb.start();
            process.getOutputStream().close();
            int exit = process.waitFor();
            return exit == 0 ? Optional.empty() : Optional.of("hook `" + hook.key() + "` (`" + argv.get().get(0)
                    + "`) exited with " + exit);
        } catch (IOException e) {
            return Optional.of("hook `" + hook.key() + "` could not be run: `" + argv.get().get(0) + "`: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while hook `" + hook.key() + "` ran");
        }
    }

    /** Runs a hook that may veto the operation: a failure is an error, before anything changed. */
    void runOrRefuse(ConfigHooks.Hook hook, List<PackageId> packages) {
        run(hook, packages).ifPresent(problem -> {
            throw new CocoatlyException(ErrorKind.FAILED, "hook-failed", problem + "; nothing was changed",
                    List.of("fix or remove `hooks." + hook.key() + "` in config.json"));
        });
    }
}
