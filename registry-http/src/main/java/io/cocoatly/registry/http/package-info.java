/**
 * Reading a registry over HTTP as docs/registry-protocol.md describes it: a
 * {@link io.cocoatly.registry.RegistrySource} for {@code http(s)} URLs with an on-disk cache
 * revalidated by {@code ETag} and {@code Last-Modified}, {@code Cache-Control: max-age}, an offline
 * mode, concurrent prefetching of the index files the resolver will ask for next, bearer tokens,
 * and the client of the write API. Built on {@code transport}; knows nothing of the solver or the
 * installer.
 */
package io.cocoatly.registry.http;
