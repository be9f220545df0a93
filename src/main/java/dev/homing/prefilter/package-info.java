/**
 * Cheap tests before costly regular expressions over long texts: the words a pattern cannot match without
 * ({@code Literals}, read from the pattern itself), found in one pass by an Aho-Corasick automaton over many
 * patterns' words at once ({@code Keywords}), and patterns compiled to skip to their possible first characters
 * ({@code FirstChars}). {@link dev.homing.prefilter.Prefilter} is the one-pattern form. The judge's rule table
 * ({@code outcome.Rules}) and the report reader ({@code inbound}) both use it; it knows nothing of mail.
 */
package dev.homing.prefilter;
