/**
 * The Cocoatly home ({@link io.cocoatly.config.Home}) and its layered configuration: built-in
 * defaults, {@code <home>/config.json}, a project's {@code .cocoatly/config.json}, environment
 * variables and command-line flags ({@link io.cocoatly.config.ConfigLayers}), merged into plain
 * values ({@link io.cocoatly.config.Config}) that know where each came from
 * ({@link io.cocoatly.config.ConfigOrigin}). Depends only on {@code json} and {@code model}: what the
 * installer, the transport or the registry make of a setting is their own concern. Never prints:
 * unknown keys are returned as {@link io.cocoatly.config.ConfigWarning}s. See docs/config.md.
 */
package io.cocoatly.config;
