package dev.homing.queue;

/**
 * A recipient to enqueue.
 *
 * @param vars    merge fields as a JSON object, or null
 * @param invalid why the address is invalid (then it is recorded bounced at once, nothing is sent), or null
 * @param source  where it came from ("recipients.csv:17"), kept in the failure detail
 */
public record NewDelivery(String recipient, String domain, String vars, String invalid, String source) {
    public static NewDelivery valid(String recipient, String domain, String vars) {
        return new NewDelivery(recipient, domain, vars, null, null);
    }
}
