/**
 * Resolution, in one place: {@link dev.homing.dns.DnsClient} is the one client every DNS question goes through (the
 * engine's MX and address lookups in {@code delivery.MxResolver}, the mailbox-provider detection in
 * {@code provider.ProviderDetector}, the sender-domain checks of {@code auth}), with EDNS and a hard deadline per
 * question; it also makes the resolvers (the system's, or one server named HOST:PORT). {@link dev.homing.dns.Dns} is
 * the typed view the checks ask (TXT, A, AAAA, MX, PTR; CNAME chains followed), whose answers keep "nothing there"
 * apart from "could not find out". dnsjava underneath; no Homing package below this one.
 */
package dev.homing.dns;
