/**
 * {@code cocoatly registry serve}: serves a registry by docs/registry-protocol.md over Jetty 12
 * core (no servlet layer): the static read protocol, from a registry directory or from any
 * {@link io.cocoatly.registry.server.RegistryFiles} (a database), with strong {@code ETag}s, {@code 304},
 * {@code HEAD}, gzip and cache headers, and the write API under {@code /api/v1/} with hashed,
 * scoped tokens. Jetty stays inside; knows nothing of the solver or the installer.
 */
package io.cocoatly.registry.server;
