/**
 * Where the JDK's platform and {@link java.lang.System.Logger} messages go in a Cocoatly process:
 * {@link io.cocoatly.logging.JulLoggerFinder} hands them to {@code java.util.logging}, the backend the
 * JDK would pick by itself. It exists for start-up time, not for behaviour: declaring a finder in the
 * first two jars of the class path lets the JDK's logging set-up stop there instead of opening every
 * jar to look for one (docs/performance-startup.md). No Cocoatly code logs through it.
 */
package io.cocoatly.logging;
