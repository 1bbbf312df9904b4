package io.cocoatly.cli;

import io.cocoatly.installer.State;
import io.cocoatly.installer.StatePackage;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cocoatly list}: what is installed. */
@Command(name = "list", addMethodSubcommands = false, mixinStandardHelpOptions = true,
        description = {"List the installed packages.",
            "Shows the project's installation in a directory with cocoatly.json, else the global one (see",
            "--project and --global): each package's version, source and install path, as state.json records them."},
        footer = {"", "Examples:",
            "  cocoatly list",
            "  cocoatly list --global --json",
            "", "Exit codes: 0 listed, 2 invalid state or config."})
final class ListCommand implements Callable<Integer> {

    private final Context context;

    @Mixin
    InstallationOption installation;

    @Option(names = "--json", description = "Print one JSON document {\"success\", \"data\", \"error\"}.")
    boolean json;

    ListCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        InstallerSetup setup = InstallerSetup.open(context);
        // The JSON data is the list of packages itself, with no room for warnings: stderr in both modes.
        setup.settings().printWarnings(context);
        State state = installation.installer(context, setup).state();
        if (json) {
            Json.write(context.out(), Envelope.success(InstallJson.state(state)));
            return ExitCodes.OK;
        }
        if (state.packages().isEmpty()) {
            context.out().println("Nothing installed.");
        }
        for (StatePackage p : state.packages()) {
            context.out().println(p.name() + " " + p.version() + "  (" + p.source() + ")  " + p.installPath());
        }
        context.out().flush();
        return ExitCodes.OK;
    }
}
