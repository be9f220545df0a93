package dev.homing.report;

import dev.homing.provider.Kind;
import dev.homing.provider.Provider;

import java.time.Instant;
import java.util.List;

/**
 * The next thing the sender should do about a delivery (or a group of them). Each action says it three
 * ways: a short label for tables, full advice for one recipient, and a brief form for a group sentence
 * ("keep them; see the block-list steps").
 */
public sealed interface Action {

    /** A few words for a table column or CSV. */
    String label();

    /** What to do about one recipient, in plain sentences. */
    String advice();

    /** What to do about a group of recipients, after "for 212 recipients: not the addresses; ". */
    String brief();

    /** The address is dead (or never existed): stop mailing it. */
    record RemoveAddress(boolean alreadySuppressed, boolean checkTypo) implements Action {
        public String label() {
            return "remove the address";
        }

        public String advice() {
            return (checkTypo ? "Check the address for a typo (gmial.com for gmail.com); if it is not one, remove it from your list."
                    : "Remove the address from your list.")
                    + (alreadySuppressed ? " Homing has suppressed it already and will not mail it again." : "");
        }

        public String brief() {
            return checkTypo ? "check them for typos, then remove them" : "remove them";
        }
    }

    /** The mailbox is real but full or disabled: keep it for now; repeated failures suppress it. */
    record RemoveIfRepeated(int times) implements Action {
        public String label() {
            return "keep; remove if it repeats";
        }

        public String advice() {
            return "Keep the address for now: the mailbox exists. If this happens " + times
                    + " times without a delivery between, Homing suppresses it; remove it then.";
        }

        public String brief() {
            return "keep them for now; Homing suppresses an address after " + times + " such failures in a row";
        }
    }

    /** A consumer mailbox's filter: the recipient can tell it this sender is wanted. */
    record Safelist(String from, Provider provider) implements Action {
        public String label() {
            return "keep; ask the recipient to safelist " + from;
        }

        public String advice() {
            return "Keep the address: it is not at fault. Ask the recipient to add " + from + " to their contacts (safe senders) at "
                    + provider.displayName() + " and to mark a message from it \"not spam\"; the safelist page (/safelist/"
                    + provider.slug() + ") has the steps.";
        }

        public String brief() {
            return "keep them; ask the recipients to add " + from + " to their contacts";
        }
    }

    /**
     * A filter only a mail administrator controls (a company gateway or suite). Quarantined mail is
     * deleted after some days, hence the hurry.
     */
    record AskAdministrator(String from, Provider provider) implements Action {
        public String label() {
            return "keep; ask the recipient's mail administrator";
        }

        public String advice() {
            String where = provider == Provider.OTHER ? "their company's mail filter" : provider.displayName();
            return "Keep the address: it is probably not at fault. Ask the recipient to contact their mail administrator within days,"
                    + " while quarantines last, to release any message from " + from + " held by " + where
                    + " and to allow the sender" + (provider.kind() == Kind.CORPORATE_GATEWAY ? " (the safelist page /safelist/"
                    + provider.slug() + " says what to give them)" : "") + ".";
        }

        public String brief() {
            return "keep them; ask the recipients to contact their mail administrator within days, while quarantines last";
        }
    }

    /**
     * The receiver refused our authentication: a DNS record of ours needs fixing.
     *
     * @param records the records to fix, named ("the SPF record (TXT) of news.example.com")
     * @param domain  the domain to check with {@code homing check domain}
     */
    record FixAuthentication(List<String> records, String domain) implements Action {
        public FixAuthentication {
            records = List.copyOf(records);
        }

        public String label() {
            return "keep; fix " + String.join(", ", records);
        }

        public String advice() {
            return "Keep the address: it is not at fault. Fix " + String.join(" and ", records) + "; 'homing check domain " + domain
                    + "' shows what fails and the exact record to publish.";
        }

        public String brief() {
            return "keep them; fix " + String.join(" and ", records) + " ('homing check domain " + domain + "')";
        }
    }

    /** Our sending IP or domain is blocked or distrusted: the block-list steps, not the list, are the fix. */
    record RepairReputation(Provider provider) implements Action {
        public String label() {
            return "keep; see the block-list steps";
        }

        public String advice() {
            return "Keep the address: it is not at fault; the receiving side refused our sending IP or domain. The block-list steps: "
                    + String.join(" ", steps());
        }

        public String brief() {
            return "keep them; see the block-list steps";
        }

        /** What to do, in order, with the provider's own page where it has one. */
        public List<String> steps() {
            String page = switch (ProviderGroup.of(provider)) {
                case MICROSOFT -> "Microsoft's delisting form (https://sender.office.com) and its sender support";
                case GMAIL -> "Google Postmaster Tools (https://postmaster.google.com) and Gmail's sender guidelines";
                case YAHOO_AOL -> "Yahoo's Sender Hub (https://senders.yahooinc.com)";
                default -> "the receiving organisation's postmaster (the bounce text usually names a page or an address)";
            };
            return List.of("1. Look up the sending IP and domain on the public block lists (Spamhaus, Barracuda, SpamCop).",
                    "2. Ask to be removed through " + page + " once the cause is fixed.",
                    "3. Until then send only to recently engaged subscribers, at a lower volume, and make sure SPF, DKIM and DMARC pass.");
        }
    }

    /** Filters objected to the message itself. */
    record ReviewContent(List<String> rules, String campaign) implements Action {
        public ReviewContent {
            rules = List.copyOf(rules);
        }

        public String label() {
            return rules.isEmpty() ? "keep; review the content" : "keep; review the content (" + String.join(", ", rules) + ")";
        }

        public String advice() {
            String check = "'homing check content " + (campaign == null ? "CAMPAIGN" : campaign) + "'";
            return "Keep the address: it is not at fault; the receiving side objected to the message. Review the content"
                    + (rules.isEmpty() ? ": " + check + " shows what filters object to."
                    : ", starting with what the content check found: " + String.join(", ", rules) + " (" + check + " explains each).");
        }

        public String brief() {
            return rules.isEmpty() ? "keep them; review the content" : "keep them; review the content (" + String.join(", ", rules) + ")";
        }
    }

    /** The destination asked us to send more slowly. */
    record SlowDown(Provider provider) implements Action {
        public String label() {
            return "keep; slow down for this provider";
        }

        public String advice() {
            return "Keep the address: it is not at fault. " + (provider == Provider.OTHER ? "This destination" : provider.displayName())
                    + " asked us to send more slowly: Homing slows down for it and retries. If it keeps happening, lower"
                    + " limits.DOMAIN.connections or limits.DOMAIN.rate in homing.properties for its domains.";
        }

        public String brief() {
            return "keep them; Homing slows down for this provider and retries";
        }
    }

    /** Temporary: the queue is retrying. */
    record Wait(Instant nextAttempt) implements Action {
        public String label() {
            return "wait: being retried";
        }

        public String advice() {
            return "Nothing to do yet: Homing is retrying" + (nextAttempt == null ? "." : " (next attempt " + Times.show(nextAttempt) + ").");
        }

        public String brief() {
            return "nothing to do yet; Homing is retrying";
        }
    }

    /** The address is not at fault and nothing needs fixing: the next send tries again. */
    record KeepAddress() implements Action {
        public String label() {
            return "keep the address";
        }

        public String advice() {
            return "Keep the address: it is not at fault. The next campaign tries it again.";
        }

        public String brief() {
            return "keep them; the next campaign tries them again";
        }
    }

    /** 147: resending may deliver twice. */
    record CheckBeforeResending() implements Action {
        public String label() {
            return "keep; resend only if a duplicate is acceptable";
        }

        public String advice() {
            return "Keep the address. The message may well have arrived; resend only if a duplicate is acceptable"
                    + " ('homing requeue --uncertain' resends every uncertain delivery).";
        }

        public String brief() {
            return "keep them; they may have the message, so resend only if duplicates are acceptable ('homing requeue --uncertain')";
        }
    }

    /** A complaint: the person does not want this mail. */
    record StopMailing() implements Action {
        public String label() {
            return "never mail again";
        }

        public String advice() {
            return "Never mail this address again (Homing has suppressed it). Check how it came onto the list and keep unsubscribing"
                    + " one click away: above " + dev.homing.provider.ComplaintLine.LABEL + " complaints Gmail and Yahoo start filtering all your mail.";
        }

        public String brief() {
            return "they are suppressed; never add them back, and check how they were signed up";
        }
    }

    /** Something in our SMTP dialog went wrong: for whoever runs Homing. */
    /**
     * The receiver refused the name our server introduces itself with (Postfix's reject_invalid_helo_hostname,
     * reject_non_fqdn_helo_hostname, reject_unknown_helo_hostname: "504 5.5.2 Helo command rejected"): a setting of ours,
     * not a block list and not the address.
     */
    record FixHelo() implements Action {
        public String label() {
            return "keep; set the HELO name";
        }

        public String advice() {
            return "Keep the address: it is not at fault. Whoever runs Homing should set helo in homing.properties to the sending"
                    + " host's fully qualified name, the one the sending IP's PTR names ('homing check domain' compares them), then"
                    + " send again.";
        }

        public String brief() {
            return "keep them; whoever runs Homing should set a proper HELO name (helo in homing.properties)";
        }
    }

    record AskOperator(long deliveryId) implements Action {
        public String label() {
            return "keep; operator to read the transcript";
        }

        public String advice() {
            return "Keep the address: it is not at fault. Whoever runs Homing should read the SMTP transcript ('homing delivery --transcript "
                    + deliveryId + "').";
        }

        public String brief() {
            return "keep them; whoever runs Homing should read a transcript ('homing delivery --transcript ID')";
        }
    }

    /** Nothing to do. */
    record NothingToDo(String why) implements Action {
        public String label() {
            return "nothing";
        }

        public String advice() {
            return why;
        }

        public String brief() {
            return "nothing to do";
        }
    }
}
