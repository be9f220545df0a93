package dev.homing.api;

import dev.homing.campaign.Launch;
import dev.homing.campaign.Transactional;
import dev.homing.list.Subscriptions;
import dev.homing.provider.ProviderDetector;
import dev.homing.queue.Queue;
import dev.homing.store.Database;
import dev.homing.list.ConfirmationMailer;

import java.util.Objects;

/**
 * What the API is wired to in the node it runs in (the node's wiring builds it from its configuration).
 *
 * @param providers     finds mailbox providers from MX for the reports ({@link ProviderDetector#offline()} works)
 * @param subscriptions the node's own instance, so that its listeners (the webhook "unsubscribed" event) hear the API too
 * @param mailer        sends the double opt-in confirmation, as the public form does
 * @param baseUrl       where people reach the public pages, for the confirmation link; null: the address a request came to
 * @param queue         the queue the deliveries are read from
 * @param launch        the campaign workflow the command line and the web UI call too
 * @param transactional queues one message to one address
 */
public record Wiring(Database db, ProviderDetector providers, Subscriptions subscriptions, ConfirmationMailer mailer, String baseUrl,
                     Queue queue, Launch launch, Transactional transactional) {
    public Wiring {
        Objects.requireNonNull(db, "db");
        Objects.requireNonNull(providers, "providers");
        Objects.requireNonNull(subscriptions, "subscriptions");
        Objects.requireNonNull(mailer, "mailer");
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(launch, "launch");
        Objects.requireNonNull(transactional, "transactional");
        // links in mail come from the configured public URL only, never from a request's Host header (anyone sets it)
        Objects.requireNonNull(baseUrl, "baseUrl (public.url): the API builds confirmation links from it alone");
        baseUrl = baseUrl == null || !baseUrl.endsWith("/") ? baseUrl : baseUrl.substring(0, baseUrl.length() - 1);
    }
}
