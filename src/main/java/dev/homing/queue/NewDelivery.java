package dev.homing.queue;

/**
 * A recipient to enqueue.
 *
 * @param vars    merge fields as a JSON object, or null
 * @param invalid why the address is invalid (then it is recorded bounced at once, nothing is sent), or null
 * @param source  where it came from ("recipients.csv:17"), kept in the failure detail
 * @param suppressed why the address is suppressed (then it is recorded {@code suppressed} at once, nothing is sent), or null
 */
public record NewDelivery(String recipient, String domain, String vars, String invalid, String source, String suppressed) {
    public NewDelivery(String recipient, String domain, String vars, String invalid, String source) {
        this(recipient, domain, vars, invalid, source, null);
    }

    public static NewDelivery valid(String recipient, String domain, String vars) {
        return new NewDelivery(recipient, domain, vars, null, null, null);
    }

    public NewDelivery suppressedBecause(String why) {
        return new NewDelivery(recipient, domain, vars, invalid, source, why);
    }
}
