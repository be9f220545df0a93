/**
 * Webhooks out: delivery events (delivered, deferred, bounced, complained, unsubscribed,
 * uncertain, expired) posted as JSON to the URLs an operator configured, signed, retried with
 * backoff, with every attempt logged.
 *
 * <p>The path of an event: a stage calls a listener ({@link dev.homing.webhook.Events}), which hands a
 * payload to the {@link dev.homing.webhook.Outbox}; the outbox keeps it in memory for a moment and writes
 * it in a batch, one {@code webhook_event} row per active webhook subscribed to its kind, so the
 * delivery engine never waits for a database or a receiver. The {@link dev.homing.webhook.Sender} claims
 * due rows and posts each on its own virtual thread (10 s timeout): a 2xx answer delivers it; anything
 * else is retried after 10 s, 1 m, 5 m, 30 m, 2 h and 6 h (each give or take a fifth, so a receiver back
 * from an outage is not hit by every retry at once), then the event is failed. Delivery is at least
 * once: a receiver should ignore a {@code Homing-Delivery-Id} it has already handled.
 *
 * <p>Guards: secrets are stored sealed under the install secret ({@code Webhooks}); a target whose host resolves to a
 * loopback, private, link-local or other special-purpose address is refused when added and before each post unless
 * allowed ({@code Egress}), redirects are never followed, and a password in a URL is never logged.
 *
 * <h2>Request</h2>
 * {@code POST} with {@code Content-Type: application/json} and the headers
 * <ul>
 * <li>{@code Homing-Event}: the kind, e.g. {@code bounced};</li>
 * <li>{@code Homing-Delivery-Id}: the event id, the same on every retry;</li>
 * <li>{@code Homing-Timestamp}: when this attempt was signed, in Unix seconds;</li>
 * <li>{@code Homing-Signature}: {@code t=<unix seconds>,v1=<hex>}.</li>
 * </ul>
 * The body: {@code {"event": "bounced", "id": 42, "at": "2026-01-01T10:00:00Z", "delivery": 7, "message": 3,
 * "recipient": "a@example.com", "campaign": "spring", "state": "bounced", "reason": "userunknown", "code": 550,
 * "status": "5.1.1", "detail": "user unknown"}}; an unsubscribe carries {@code email}, {@code list} (its name)
 * and {@code list_id} instead of the delivery fields. Fields without a value are left out.
 *
 * <h2>Verifying the signature</h2>
 * {@code v1} is the lowercase hex HMAC-SHA256, keyed with the webhook's secret (the string printed by
 * {@code homing webhook add}, as UTF-8 bytes), of the string {@code <t>.<body>}: the {@code t} value,
 * a dot, and the request body exactly as received. A receiver recomputes it, compares in constant time,
 * and rejects a {@code t} older than a few minutes (a replayed request). Each retry is signed afresh.
 */
package dev.homing.webhook;
