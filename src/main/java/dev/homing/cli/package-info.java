/**
 * The command line (picocli), one class per command: {@code demo}, {@code serve}, {@code run}, {@code send},
 * {@code status}, {@code requeue}, {@code list}, {@code import}, {@code campaign}, {@code report}, {@code delivery},
 * {@code suppress}, {@code inbound}, {@code classify}, {@code check}, {@code dkim}, {@code apikey}, {@code user},
 * {@code webhook}, {@code sandbox} ({@code Main} lists them).
 *
 * <p>It is also, for now, where a node is wired: {@link dev.homing.cli.Node} opens the database, queue, resolver,
 * engine and judge from the home folder and its {@code homing.properties} ({@code Config}); {@code Site} adds the
 * HTTP server (public pages, console, API, metrics) and {@code InboundService} the inbound SMTP server, for
 * {@code serve} and {@code demo}. Some workflows still live here that belong in an application layer every face
 * calls ({@code NodeDesk}, {@code CampaignCheck}, {@code CampaignCommand}'s send path): issue 19.
 *
 * <p>Where to look: {@code Main} (the command tree), {@code Node} and {@code Site} (wiring), {@code Summary} and
 * {@code Progress} (what a send prints), {@code Waiting} (until every delivery is final).
 */
package dev.homing.cli;
