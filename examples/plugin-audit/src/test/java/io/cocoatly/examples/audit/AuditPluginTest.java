package io.cocoatly.examples.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cocoatly.plugin.Hook;
import io.cocoatly.plugin.LifecycleEvent;
import io.cocoatly.plugin.PackageChange;
import io.cocoatly.plugin.Plugin;
import io.cocoatly.plugin.PluginCommand;
import io.cocoatly.plugin.Verdict;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plugin's hooks, called as Cocoatly calls them, with the plugin API's own event types. */
class AuditPluginTest {

    private static final Instant T = Instant.parse("2026-12-03T20:41:07.512Z");

    @TempDir
    Path home;

    private Plugin plugin() {
        return new AuditPlugin(Clock.fixed(T, ZoneOffset.UTC), Map.of());
    }

    private void deny(String text) throws IOException {
        Files.createDirectories(home.resolve("audit"));
        Files.writeString(home.resolve("audit/deny-licenses.txt"), text);
    }

    @Test
    void theServiceFileNamesThePlugin() {
        List<String> found = ServiceLoader.load(Plugin.class).stream().map(p -> p.type().getName()).toList();
        assertEquals(List.of(AuditPlugin.class.getName()), found);
    }

    @Test
    void thePreInstallHookVetoesADeniedLicenceNamingEveryPackage() throws IOException {
        deny("GPL-3.0-only\n");
        LifecycleEvent event = Events.global(Hook.ON_PRE_INSTALL, home, Events.install(home, "fine", "1.0.0", "MIT"),
                Events.install(home, "gpl-a", "1.0.0", "GPL-3.0-only"), Events.install(home, "gpl-b", "2.0.0", "GPL-3.0-only"));

        Path file = home.resolve("audit/deny-licenses.txt");
        assertEquals(Verdict.veto("`gpl-a 1.0.0` is licensed GPL-3.0-only, which is on the deny list (" + file + "); "
                + "`gpl-b 2.0.0` is licensed GPL-3.0-only, which is on the deny list (" + file + ")"), plugin().onPreInstall(event));
    }

    @Test
    void thePreInstallHookLetsAllowedAndUnlicensedPackagesThrough() throws IOException {
        deny("GPL-3.0-only\n");
        LifecycleEvent event = Events.global(Hook.ON_PRE_INSTALL, home, Events.install(home, "fine", "1.0.0", "MIT"),
                Events.install(home, "dual", "1.0.0", "MIT OR GPL-3.0-only"), Events.install(home, "none", "1.0.0", null));
        assertEquals(Verdict.proceed(), plugin().onPreInstall(event));
        assertEquals(Verdict.proceed(), new AuditPlugin(Clock.systemUTC(), Map.of()).onPreInstall(event));
    }

    @Test
    void theVariableOfTheEnvironmentGivenIsRead() {
        LifecycleEvent event = Events.global(Hook.ON_PRE_INSTALL, home, Events.install(home, "fine", "1.0.0", "MIT"));
        assertEquals(Verdict.veto("`fine 1.0.0` is licensed MIT, which is on the deny list (COCOATLY_AUDIT_DENY)"),
                new AuditPlugin(Clock.systemUTC(), Map.of("COCOATLY_AUDIT_DENY", "MIT")).onPreInstall(event));
    }

    @Test
    void aDenyListThatCannotBeReadThrowsWhichVetoes() throws IOException {
        deny("GPL 3\n");
        LifecycleEvent event = Events.global(Hook.ON_PRE_INSTALL, home, Events.install(home, "fine", "1.0.0", "MIT"));
        assertThrows(IllegalArgumentException.class, () -> plugin().onPreInstall(event));
    }

    @Test
    void thePostHooksAppendOneLineEachAndNothingElseDoes() throws IOException {
        Plugin p = plugin();
        Path packages = home.resolve("packages");
        PackageChange a = Events.install(home, "a", "1.0.0", "MIT");
        PackageChange b = Events.change(packages, "b", "2.0.0", "1.0.0", PackageChange.Kind.UPDATE, null);
        p.onPreInstall(Events.global(Hook.ON_PRE_INSTALL, home, a, b));
        p.onPackageUpdate(Events.global(Hook.ON_PACKAGE_UPDATE, home, b));
        p.onPostInstall(Events.global(Hook.ON_POST_INSTALL, home, a, b));
        PackageChange removeA = Events.change(packages, "a", "1.0.0", null, PackageChange.Kind.REMOVE, "MIT");
        p.onPreUninstall(Events.global(Hook.ON_PRE_UNINSTALL, home, removeA));
        p.onPostUninstall(Events.global(Hook.ON_POST_UNINSTALL, home, removeA));

        List<String> lines = Files.readAllLines(home.resolve("audit/audit.jsonl"), StandardCharsets.UTF_8);
        assertEquals(2, lines.size(), String.join("\n", lines));
        List<AuditEntry> entries = AuditLog.of(home).read().entries();
        AuditEntry install = entries.get(0);
        assertEquals(List.of("on_post_install", "install", "global", home.toString(), T.toString()),
                List.of(install.hook(), install.operation(), install.kind(), install.root(), install.time().toString()));
        assertEquals(List.of(new AuditEntry.Change("a", "1.0.0", Optional.empty(), "install", Optional.of("MIT")),
                new AuditEntry.Change("b", "2.0.0", Optional.of("1.0.0"), "update", Optional.empty())), install.packages());
        AuditEntry uninstall = entries.get(1);
        assertEquals(List.of("on_post_uninstall", "uninstall"), List.of(uninstall.hook(), uninstall.operation()));
        assertEquals(List.of(new AuditEntry.Change("a", "1.0.0", Optional.empty(), "remove", Optional.of("MIT"))),
                uninstall.packages());
    }

    @Test
    void itAddsTheCommandAudit() {
        List<PluginCommand> commands = plugin().addCliCommands();
        assertEquals(List.of("audit"), commands.stream().map(PluginCommand::name).toList());
        assertEquals(true, commands.get(0).name().matches("[a-z0-9][a-z0-9-]*"));
    }
}
