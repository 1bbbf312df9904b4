/**
 * The example plugin {@code audit} of {@code docs/plugins.md}: an audit log of every install and
 * uninstall through the post-hooks, a licence deny list through the pre-hook, and the command
 * {@code cocoatly audit}. It compiles against the plugin API alone ({@code io.cocoatly.plugin} and the
 * {@code io.cocoatly.model} types it speaks in) and bundles nothing, so its JSON is written and read by
 * hand ({@link io.cocoatly.examples.audit.JsonText}). {@link io.cocoatly.examples.audit.AuditPlugin} is
 * the one public class: the one its service file names.
 */
package io.cocoatly.examples.audit;
