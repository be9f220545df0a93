/**
 * The command line (picocli), one class per command: {@code demo}, {@code serve}, {@code run}, {@code send},
 * {@code status}, {@code requeue}, {@code list}, {@code import}, {@code campaign}, {@code report}, {@code delivery},
 * {@code suppress}, {@code inbound}, {@code classify}, {@code check}, {@code dkim}, {@code apikey}, {@code user},
 * {@code webhook}, {@code sandbox} ({@code Main} lists them).
 *
 * <p>A command parses its options, opens a node ({@code dev.homing.node}, the one wiring place) or the database
 * alone, calls the application layer ({@code campaign.Launch} for campaigns, {@code campaign.Transactional}) and
 * prints the result; no step of a campaign's workflow is written here, and it reaches neither the web UI nor the API.
 *
 * <p>Where to look: {@code Main} (the command tree), {@code HomeOptions} (the home folder, the database, a node), {@code Summary} and
 * {@code Progress} (what a send prints), {@code Waiting} (until every delivery is final).
 */
package dev.homing.cli;
