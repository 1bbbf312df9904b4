package io.cocoatly.cli;

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
}
