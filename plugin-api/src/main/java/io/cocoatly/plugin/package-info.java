/**
 * The plugin API: what a plugin jar in {@code <home>/plugins/} compiles against. A plugin implements
 * {@link io.cocoatly.plugin.Plugin} and names its class in
 * {@code META-INF/services/io.cocoatly.plugin.Plugin}; Cocoatly finds it with
 * {@link java.util.ServiceLoader}, each jar in its own class loader that sees only this package,
 * {@code io.cocoatly.model} and the JDK.
 *
 * <p>Hooks are positions in the install and uninstall pipeline ({@link io.cocoatly.plugin.Hook});
 * each receives one immutable {@link io.cocoatly.plugin.LifecycleEvent}. A pre-hook may veto with a
 * message ({@link io.cocoatly.plugin.Verdict}); a post-hook can only report. A plugin may also add
 * commands ({@link io.cocoatly.plugin.PluginCommand}) that call Cocoatly through
 * {@link io.cocoatly.plugin.CocoatlyApi}. {@code docs/plugins.md} has a complete example.
 *
 * <p>Depends on {@code model} alone, so a plugin needs two small jars and nothing else.
 */
package io.cocoatly.plugin;
