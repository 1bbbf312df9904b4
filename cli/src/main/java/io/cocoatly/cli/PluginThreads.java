package io.cocoatly.cli;

import java.net.URLClassLoader;
import java.util.List;
import java.util.function.Supplier;

/**
 * Calls into a plugin with the thread's context class loader set to the plugin's own, as a container
 * does for its applications: libraries a plugin bundles (a JSON mapper, a {@code ServiceLoader} of its
 * own) look there for their classes and resources, and find the plugin's rather than Cocoatly's.
 */
final class PluginThreads {

    private PluginThreads() {
    }

    /** {@code call}'s result, computed with {@code plugin}'s class loader as the context class loader. */
    static <T> T withLoaderOf(Object plugin, Supplier<T> call) {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(plugin.getClass().getClassLoader());
        try {
            return call.get();
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    /**
     * Closes the class loaders of {@code loaded} when the run of {@code context} ends, so that an
     * in-process run (tests, embedders) leaves no jar open; a process run would release them at exit.
     */
    static void closeAtEnd(Context context, List<LoadedPlugin> loaded) {
        for (LoadedPlugin plugin : loaded) {
            if (!plugin.plugins().isEmpty()
                    && plugin.plugins().get(0).getClass().getClassLoader() instanceof URLClassLoader loader) {
                RunResources.closeAtEnd(context, loader);
            }
        }
    }
}
