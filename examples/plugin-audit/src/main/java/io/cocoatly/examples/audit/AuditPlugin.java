package io.cocoatly.examples.audit;

import io.cocoatly.plugin.LifecycleEvent;
import io.cocoatly.plugin.Plugin;
import io.cocoatly.plugin.PluginCommand;
import io.cocoatly.plugin.Verdict;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The plugin {@code audit} ({@code audit.jar}), the example of {@code docs/plugins.md}:
 * <ul>
 *   <li>{@code on_pre_install}: refuses to install, update or reinstall a package whose manifest's
 *       licence is on the deny list ({@link DenyList}: {@code <home>/audit/deny-licenses.txt} and
 *       {@code COCOATLY_AUDIT_DENY});</li>
 *   <li>{@code on_post_install} and {@code on_post_uninstall}: append one line per operation to
 *       {@code <home>/audit/audit.jsonl} ({@link AuditLog});</li>
 *   <li>{@code cocoatly audit}: shows the log ({@link AuditCommand}).</li>
 * </ul>
 * It does not implement {@code on_package_update}: the {@code on_post_install} event of the same
 * operation already lists every update with its previous version, and recording both would show
 * each update twice.
 *
 * <p>Nothing is kept between calls: each hook reads the deny list and appends to the log afresh, as
 * the plugin contract asks.
 */
public final class AuditPlugin implements Plugin {

    private final Clock clock;
    private final Map<String, String> env;

    /** The plugin as Cocoatly loads it: the system clock and this process's environment. */
    public AuditPlugin() {
        this(Clock.systemUTC(), System.getenv());
    }

    /** For tests: a fixed clock and an environment of their own. */
    AuditPlugin(Clock clock, Map<String, String> env) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.env = Map.copyOf(env);
    }

    @Override
    public String description() {
        return "records installs and uninstalls in <home>/" + AuditLog.FILE + ", refuses denied licences, adds `cocoatly audit`";
    }

    /**
     * Vetoes the install when a package being installed, updated or reinstalled is licensed under
     * what the deny list refuses; the message names every such package. An unreadable deny list
     * throws, which vetoes too: a policy that cannot be read must not let everything through.
     */
    @Override
    public Verdict onPreInstall(LifecycleEvent event) {
        List<String> refusals = DenyList.load(event.home(), env).refusals(event.packages());
        return refusals.isEmpty() ? Verdict.proceed() : Verdict.veto(String.join("; ", refusals));
    }

    /** Records the install. */
    @Override
    public void onPostInstall(LifecycleEvent event) {
        AuditLog.of(event.home()).append(AuditEntry.of(event, clock.instant()));
    }

    /** Records the uninstall. */
    @Override
    public void onPostUninstall(LifecycleEvent event) {
        AuditLog.of(event.home()).append(AuditEntry.of(event, clock.instant()));
    }

    /** {@code cocoatly audit}. */
    @Override
    public List<PluginCommand> addCliCommands() {
        return List.of(new AuditCommand());
    }
}
