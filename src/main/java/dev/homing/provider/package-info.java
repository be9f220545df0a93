/**
 * Mailbox providers recognised from a domain's MX hosts (Gmail, Microsoft 365, Yahoo, corporate
 * filtering gateways such as Mimecast or Proofpoint, ...), and how their users safelist a sender.
 * {@link dev.homing.provider.Provider#fromMx} is the pure matching; {@link dev.homing.provider.ProviderDetector}
 * looks the MX up (cached, never failing at the caller); {@link dev.homing.provider.Safelist} writes the
 * provider's steps as text and escaped HTML, and {@link dev.homing.provider.SafelistTag} fills a
 * {@code {{safelist}}} merge tag for one recipient. Reports by provider and throttles shared by
 * all domains on one provider's servers use the same detection.
 */
package dev.homing.provider;
