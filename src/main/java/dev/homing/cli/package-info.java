/**
 * The command line (picocli): {@code demo}, {@code send}, {@code run}, {@code status},
 * {@code sandbox}, {@code requeue}. Commands open a {@link dev.homing.cli.Node} (database, queue,
 * resolver, engine) from the home folder and its {@code homing.properties}, and print progress
 * and plain-language summaries. No delivery logic lives here.
 */
package dev.homing.cli;
