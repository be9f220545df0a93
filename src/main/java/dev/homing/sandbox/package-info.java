/**
 * The sandbox: simulated receiving mail servers on real sockets on 127.0.0.1, for the demo, the
 * tests, the benchmarks and users who want to rehearse a campaign without the internet.
 * <p>
 * This package owns the simulated MX of every {@code *.sandbox.test} domain (a SubEthaSMTP server
 * with the sandbox's own EHLO/MAIL/RCPT/DATA commands), the choice of a {@link dev.homing.sandbox.Behaviour}
 * per recipient (by domain label or local-part prefix), the listeners that break the protocol on
 * purpose (silent, garbage, hang-up, huge and endless replies, a refused port), greylisting,
 * per-domain session counting, late-bounce DSNs (RFC 3464) sent back over SMTP, and the counters of
 * what happened ({@link dev.homing.sandbox.SandboxStats}). It keeps no message bodies.
 * <p>
 * It does not resolve names: {@link dev.homing.sandbox.Sandbox#routes()} gives the domain suffixes
 * and addresses a resolver override needs. Public surface: {@link dev.homing.sandbox.Sandbox},
 * {@link dev.homing.sandbox.SandboxConfig}, {@link dev.homing.sandbox.SandboxStats},
 * {@link dev.homing.sandbox.Behaviour}. The behaviours and their exact replies are listed in
 * README.md next to this file.
 */
package dev.homing.sandbox;
