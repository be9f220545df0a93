package dev.homing.outcome;

import dev.homing.smtp.Stage;

import java.util.List;

import static dev.homing.outcome.Reason.*;
import static dev.homing.outcome.Responsibility.*;
import static dev.homing.outcome.Rule.when;
import static dev.homing.smtp.Stage.*;

/**
 * The classification table, read top to bottom: the first rule whose conditions all hold decides.
 * Exact provider and MTA wordings come first, then words that name a reason, then generic words
 * (blocked, policy), then the enhanced status alone, then stage and class as the last resort. That
 * order is what "text wins over codes" means: "550 5.7.1 User unknown" is a user unknown, and
 * "550 5.1.1" with nothing else to go on is one too.
 *
 * <p>Order matters inside a tier as well; where it does, a comment says why. The wordings come from
 * the providers' published lists (Google's SMTP error reference, Microsoft's Exchange Online NDR
 * pages, Yahoo's sender hub, Mimecast's code list) and from the MTAs' sources (Postfix, Exim).
 */
final class Rules {
    private Rules() {
    }

    /** Where a reply can be about the recipient; a "user unknown" at MAIL is about our sender address. */
    private static final Stage[] RECIPIENT_STAGES = {RCPT, DATA, DOT, LOCAL};
    /** Before any envelope: a refusal here is about our sending server. */
    private static final Stage[] GREETING = {CONNECT, BANNER, EHLO, HELO};

    private static final String MAILBOX_FULL = "mailbox (is )?full|mailbox\\W.{0,40}\\bfull\\b|over ?quota|quota (exceeded|full)"
            + "|exceeded (its|their|the) (storage|quota|mailbox)|out of storage|exceeded storage allocation"
            + "|quotaexceeded|inbox is full|mailbox size limit";

    private static final String USER_UNKNOWN = "user unknown|unknown user|unknown (recipient|mailbox|address|local[- ]?part|e-?mail address)"
            + "|(recipient|addressee|address) unknown|no such (user|mailbox|recipient|address|person|account)"
            + "|(user|recipient|mailbox|address|account|addressee)( name)? (does not|doesn.t|did not|not) exist|does not exist"
            + "|user not (found|known)|(recipient|mailbox|address|user|account) not found|recip(ient)?notfound"
            + "|invalid (recipient|mailbox|user|address)|not a valid (mailbox|recipient|user)|mailbox (is )?unavailable"
            + "|no mailbox|bad destination mailbox|doesn.t have an? \\S+ account|no longer accepts mail"
            + "|not a known user|no account by that name";

    /**
     * The generic user-unknown wording. {@link Judge#judgeReported} does not take it on trust when a report
     * neither names the RCPT stage nor gives an x.1.x status (see there).
     */
    static final Rule USER_UNKNOWN_WORDS = when().at(RECIPIENT_STAGES).text(USER_UNKNOWN).is(USERUNKNOWN, RECIPIENT);

    /** What a report's unconfirmed user-unknown wording is taken for instead. */
    static final Rule UNCONFIRMED_USER_UNKNOWN = when().text(USER_UNKNOWN).is(FILTERED, REMOTE_POLICY,
            "The receiving server refused this recipient with words that say it does not exist, but the report does not confirm it"
                    + " (no address status, not at the recipient stage); a filter is the likely cause, and the address has not been marked as bad.");

    static final List<Rule> TABLE = List.of(
            // --- Greylisting: a first refusal that clears on retry. Never slow down for it.
            when().deferral().text("gr[ae]y-?list").is(GREYLISTING, REMOTE_POLICY),
            // Exim with greylistd: "... is not yet authorized to deliver mail from <a> to <b>. Please try later."
            when().deferral().text("not yet authori[sz]ed to deliver mail").is(GREYLISTING, REMOTE_POLICY),
            // Mimecast 451: its published meaning is greylisting (or a reputation check); either way, retry later.
            when().deferral().text("internal resources? (is |are )?temporarily unavailable").is(GREYLISTING, REMOTE_POLICY,
                    "Mimecast at the destination holds back mail from senders it does not know yet (greylisting); we will retry, and the address is not at fault."),

            // --- Exact provider wordings about our sending IP or domain.
            // Mimecast 421: the text says "sender address" but the published meaning is our IP on a Blocked Senders policy.
            when().code(421).text("sender address blocked").is(BLOCKED, SENDER),
            // Yahoo/AOL deferrals tagged [TSS04], [TS01], [GL01]: volume or complaints, not the address.
            when().deferral().text("\\[(TSS?\\d+|GL\\d+)\\]|user complaints|unexpected volume").slow().is(BADREPUTATION, SENDER,
                    "Yahoo is holding back our mail because of unusual volume or complaints from its users; we will slow down and retry, and the address is not at fault."),
            when().rejection().text("permanently deferred").is(BLOCKED, SENDER,
                    "Yahoo refuses all mail from our sending IP; this is not the address's fault, and the operator must contact Yahoo."),
            // Outlook.com RP-001..003: rate limits that Microsoft ties to IP/domain reputation.
            when().text("\\bRP-00[1-3]\\b").slow().is(BADREPUTATION, SENDER,
                    "Outlook.com limits how much mail it takes from our sending IP because of its reputation; we will slow down and retry."),
            // Exchange Online 451 4.7.500-899 (ASxxx): the IP is temporarily restricted for unusual activity.
            when().deferral().status("4.7.5??,4.7.6??,4.7.7??,4.7.8??").text("\\(AS\\d+\\)|access denied, please try again later").slow()
                    .is(BADREPUTATION, SENDER, "Microsoft is temporarily restricting mail from our sending IP because of unusual activity; we will slow down and retry."),

            // Gmail 4.7.29: this message was sent without TLS, which is our side. Before the rate rule: it says "rate limited".
            when().deferral().text("sent over a tls|use tls/ssl").is(FAILEDSTARTTLS, OURS,
                    "The receiving provider wants mail sent over an encrypted (TLS) connection and this one was not; the operator must enable TLS."),

            // --- Exact provider wordings about the recipient. Yahoo refuses unknown users only after DATA ("554 delivery
            // error: dd This user doesn't have a yahoo.com account"); La Poste/Orange tag theirs LPN007_416 "Invalid recipient".
            // Exchange 2000/2003 NDRs say "The recipient name is not recognized" for an unknown mailbox.
            when().text("\\bdd this user doesn.t have an? \\S+ account|\\bLPN007_416\\b|the recipient name is not recognized")
                    .is(USERUNKNOWN, RECIPIENT),

            // URI block lists (SURBL, URIBL, "Blacklisted URL in message") judge links in the content, not our IP: before the IP lists and before
            // the HELO rule, as such replies often quote the session ("HELO=[mail.example.com]").
            when().text("\\buribl\\b|\\bsurbl\\b|black-?listed (url|link|domain)|(url|link|domain) (in (the )?message )?(is )?black-?listed")
                    .is(SPAMDETECTED, CONTENT, "A link in the message points to a domain on a block list of spam links; remove or replace that link, the address is not at fault."),
            // --- Our sending host and domain.
            when().text("(ehlo|helo)(/(ehlo|helo))? first|send hello first").is(SYNTAXERROR, OURS),
            // Before "host not found": "Helo command rejected: Host not found" is about our name, not the recipient's domain.
            when().text("\\b(helo|ehlo)\\b").is(BLOCKED, SENDER,
                    "The receiving server rejected the name our server introduces itself with (HELO); the operator must set a proper host name, and the address is not at fault."),
            // Provider-run blocks, before public block lists: "on our block list (S3150)" is Microsoft's own list.
            // Cox tags its own IP block lists AUP#CXBL and AUP#CDRBL, even when the text says "sender rejected".
            when().text("\\(?S31[45]0\\)?|\\b(SC-00[134]|DY-001|OU-001)\\b|\\bAUP#(CXBL|CDRBL)\\b|banned sending ip|banned sender|traffic not accepted from this ip"
                    + "|ipcheck\\.proofpoint|not authori[sz]ed to send e?mail directly|ip not in whitelist|dynamic ip|dial-?up"
                    + "|rejected by recipient|customer block ?list|may not be mail exchanger|not (currently )?accepting mail from your ip")
                    .is(BLOCKED, SENDER, "The receiving provider has blocked our sending IP; this is not the address's fault, and the operator must ask the provider to lift the block."),
            // Public block lists, before "reputation": Barracuda's list is named "Barracuda Reputation".
            when().text("blocked using|spamhaus|spamcop|barracuda|sorbs|uceprotect|abuseat|\\bs?rbl\\b|\\bdnsbl\\b|black ?list|block ?list"
                    + "|listed (at|on|in|by) |client host \\[[^\\]]*\\] blocked")
                    .is(BLOCKED, SENDER, "Our sending IP is on a block list the receiving server uses; this is not the address's fault, and the operator must request delisting."),
            // Before authentication: Gmail's 4.7.28 names "your DKIM domain" or "your SPF domain" as the source of unwanted mail.
            when().text("unusual (rate|amount) of (unsolicited )?e?mail").slow().is(BADREPUTATION, SENDER,
                    "The provider sees too much unwanted mail from our sending IP or domain and limits it; send only to engaged subscribers and lower the volume, the address is not at fault."),
            when().text("reputation").slow().is(BADREPUTATION, SENDER),
            // The stated cause wins over advice that follows it: "rejected due to spam classification ... set up SPF records".
            when().text("(?<=(rejected|refused|bounced) (due to|because of|as) (a )?)spam|spam classification|classified as spam")
                    .is(SPAMDETECTED, CONTENT),
            when().text("dmarc|\\bspf\\b|\\bdkim\\b|domainkeys|sender policy framework|sender is unauthenticated|unauthenticated (e?mail|message)"
                    + "|authenticate with (either )?(spf|dkim)|required authentication level").is(AUTHFAILURE, SENDER),
            // "unverifiable sending IP": an IP whose reverse DNS does not verify.
            when().text("\\bptr\\b|reverse (dns|hostname|lookup|address|mapping)|unverifi?y?able (sending )?ips?\\b|\\brdns\\b|cannot find your hostname|mismatches client ip"
                    + "|hostname (does not|doesn.t) match").is(REQUIREPTR, SENDER),
            // Google Groups answers in the poster's language, but always about the poster: no permission to post, or no such group.
            when().text("groups\\.google\\.com/support|google groups").is(REJECTED, SENDER,
                    "The Google Group refused the message: our sender may not post to it, or the group does not exist; the address is not a mailbox."),
            // A mailing list that takes posts from members only refuses our sender, not the list address.
            when().text("not (a )?member of|are not (a )?member|non-?member").is(REJECTED, SENDER,
                    "The mailing list takes posts from its members only and our sender is not one; the list address is not at fault."),
            // Our envelope sender. Before the recipient rules: "Sender address rejected: Domain not found" is our domain.
            when().text("sender (address |domain |e?mail )?(was |is |has been )?(rejected|denied|refused|blocked|not allowed|unknown|invalid|verify|verification)"
                    + "|(unroutable|unrouteable|invalid|bad|unknown|unverified) sender|sender verify|envelope (blocked|rejected)"
                    + "|blocked senders|mail sending denied|unresolvable rfc.?5321|sender address \\S* ?is not a valid|sender address has null mx")
                    .is(REJECTED, SENDER),

            // --- Connections, rates and limits.
            when().text("too many (concurrent |simultaneous |open )?(smtp )?(connections|sessions)|maximum number of (concurrent )?connections"
                    + "|connection limit|max(imum)? messages? per connection|account service is temporarily unavailable")
                    .slow().is(TOOMANYCONN, REMOTE_POLICY),
            // Too many recipients is a limit per session, like too many connections: in the shared vocabulary both are toomanyconn.
            // RFC 5321 4.5.3.1.10: a 552 for too many recipients is an old mistake for 452; clients should treat it as temporary.
            when().code(552).at(RCPT).text("too many recipients").retry().is(TOOMANYCONN, OURS,
                    "The receiving server takes fewer recipients per delivery than we sent; we will send the rest separately."),
            when().text("too many recipients|recipient limit|number of recipients").is(TOOMANYCONN, OURS,
                    "The receiving server takes fewer recipients per delivery than we sent; this is not about the address."),
            // Before the message-size rule: "headers too large" is about the headers, not the size of the message.
            when().text("headers? (is |are )?too (large|long|big)|header size|headers? exceed").is(CONTENTERROR, CONTENT,
                    "The message's headers are larger than the receiving server accepts; the template or its headers need trimming."),
            // RFC 3463 X.2.3: a per-mailbox size limit ("exceeds administrative limit") is exceedlimit; the system-wide one
            // (X.3.4, "too big for system") is mesgtoobig. Before the generic size words.
            when().text("administrative limit|too large for this recipient|recipsizelimit|recipient size limit").is(EXCEEDLIMIT, CONTENT,
                    "The message is larger than this recipient's mailbox accepts; a smaller message would be delivered, the address is not at fault."),
            // Before the rate rule, which would read "exceeded ... size limits" as a limit on sending.
            when().text("message (size|length) exceeds|size (limit|exceeded)|message too (big|large)|too large|maximum (e?mail |message )?size"
                    + "|exceeded .{0,30}size").is(MESGTOOBIG, CONTENT),
            when().text("rate[- ]?limit|too (much|many) (mail|messages|e?mails)\\b|too (fast|quickly)|at a rate that|sending (rate|quota|limit)"
                    + "|limit exceeded|limit reached|thread limit|submission quota|\\bthrottl|slow down|per hour|per minute")
                    .slow().is(SPEEDING, REMOTE_POLICY),

            // --- Content. Virus before spam ("Virus Detected; Content Rejected"); format rules before spam because
            // Gmail's format refusals add "to reduce the amount of spam sent to Gmail".
            when().text("virus|malware|infected|trojan").is(VIRUSDETECTED, CONTENT),
            // "rfc822;" is the address type of a DSN field or an ORCPT parameter, not a complaint about the format.
            when().text("rfc ?(5322|2822|822)(?!;)|not rfc[- ]?compliant|missing (a )?valid (message-id|from|address|date)|multiple addresses in from"
                    + "|duplicate header|(message|mail|mime|header) is malformed|malformed (message|mime|header)|bare (lf|line ?feed)|8-?bit (data|characters)|encoded-word|disallowed header")
                    .is(NOTCOMPLIANTRFC, CONTENT),
            when().text("potential security issue|illegal attachment|attachment|file type|executable").is(POLICYVIOLATION, CONTENT,
                    "The receiving server's rules refused the message because of an attachment or file type in it; remove or change the attachment."),
            when().text("\\bspam\\b|unsolicited|\\b(UBE|UCE)\\b|junk|content (was |has been |is )?(rejected|refused|blocked)|nature of the content"
                    + "|content filter|bulk mail").is(SPAMDETECTED, CONTENT),

            // --- Transport security, relaying, authentication of the session.
            when().text("starttls|\\btls\\b|\\bssl\\b|encryption|encrypted|mta-sts|\\bdane\\b|\\btlsa\\b|certificate|cipher")
                    .is(FAILEDSTARTTLS, REMOTE_POLICY),
            // Amazon SES refuses to send for an identity (address or domain) not verified in the region: our relay refusing us.
            when().text("(e-?mail address|identity|domain) is not verified|identities failed the check").is(NORELAYING, OURS,
                    "The sending service refused to relay for our sender address because that identity is not verified there; the operator must verify it."),
            when().text("relay(ing)? (access )?(denied|not permitted|not allowed|prohibited|refused)|unable to relay|open relay"
                    + "|we do not relay|not a permitted relay|relay not").is(NORELAYING, REMOTE_POLICY),
            when().text("not authenticated|authentication required|unauthenticated senders|sendernotauthenticated|authrequired"
                    + "|must authenticate|requires? authentication").is(SECURITYERROR, REMOTE_POLICY),
            // Microsoft 5.7.510 "does not accept email over IPv6": our choice of IP version, not the domain refusing mail.
            when().text("over ipv6").is(BLOCKED, SENDER,
                    "The receiving server does not take mail over IPv6 from us; the operator should send to it over IPv4, and the address is not at fault."),

            // RFC 3463's own text for X.7.1 ("the sender is not authorized to send to the destination"): an authorization
            // refusal, securityerror in the shared vocabulary. Before the recipient rules, which would read Postfix's
            // "Recipient address rejected: Delivery not authorized" as about the address.
            when().text("delivery not authori[sz]ed").is(SECURITYERROR, REMOTE_POLICY),

            // --- The recipient. Exchange Online's Directory-Based Edge Blocking answers "Access denied" for
            // recipients that do not exist (5.4.1, AS(201806281)); before the generic "access denied" block.
            when().text("\\bAS\\(201806281\\)").is(USERUNKNOWN, RECIPIENT,
                    "Microsoft 365 says this recipient does not exist in the organisation's directory; remove the address."),
            when().status("x.4.1").text("recipient address rejected: access denied").is(USERUNKNOWN, RECIPIENT,
                    "Microsoft 365 says this recipient does not exist in the organisation's directory; remove the address."),
            // Postfix check_recipient_access REJECT: a local rule about this recipient, not proof it does not exist.
            when().status("x.7.*").text("recipient address rejected: access denied").is(FILTERED, REMOTE_POLICY),
            // Before "inactive" (suspend): Gmail's 552 5.2.2 says "out of storage space and inactive".
            when().deferral().at(RECIPIENT_STAGES).text(MAILBOX_FULL).is(MAILBOXFULL, RECIPIENT),
            // A 5xx mailbox full is final for this message but not a dead address (Sisimai: soft); see package-info.
            when().rejection().at(RECIPIENT_STAGES).text(MAILBOX_FULL).is(MAILBOXFULL, RECIPIENT,
                    "The recipient's mailbox is full and the receiving server gave up on this message; the address is real, so stop mailing it only if this keeps happening."),
            when().at(RECIPIENT_STAGES).text("no longer (on|at) (this )?server|has moved|\\bmoved (to|permanently)|not our (user|customer)"
                    + "|user not local|please try <|no forwarding address").is(HASMOVED, RECIPIENT),
            // Postfix's own "delivery temporarily suspended" means it holds mail for the destination, not that the account is.
            when().at(RECIPIENT_STAGES).text("disabled|deactivated|inactive|(?<!delivery temporarily )suspended|account (is |has been )?(blocked|locked|frozen|closed|terminated|expired)"
                    + "|mailbox (is |has been )?(blocked|locked|frozen|closed)|no longer (valid|active|in use)|cannot be accessed|not active")
                    .is(SUSPEND, RECIPIENT),
            // Any stage: RFC 7504 lets a server say at the greeting that it takes no mail at all.
            when().text("(does not|doesn.t) accept (e?mail|messages)|not accepting (network )?(e?mail|messages)|accepts no (e?mail|messages)"
                    + "|null mx|no mail service|does not receive e?mail|indicated no smtp service|(couldn.t|could not|unable to) find (a|any) mail exchanger"
                    + "|no mx (record|host)s?\\b|no mx found").is(NOTACCEPT, RECIPIENT),
            when().at(RECIPIENT_STAGES).text("(address|mailbox) syntax|bad (recipient |destination )?(mailbox )?address syntax"
                    + "|syntax error in (recipient|address)|need fully-qualified address|malformed (recipient )?address|invalid address format"
                    + "|not a valid (e?mail )?address").is(INVALIDADDRESS, RECIPIENT),
            // A deferral that quotes a DNS lookup is a lookup that failed for now, even when it quotes NXDOMAIN: the sender will look again.
            when().deferral().text("dns error|dns type|lookup of \\S+ (responded|had)").cause().is(NETWORKERROR, NETWORK),
            // RFC 3463 X.4.4 "unable to route" because the domain's DNS answers with garbage (not "host not found", which is
            // hostunknown): the domain has no usable route for mail.
            when().rejection().status("x.4.4").text("malformed or unexpected name server reply").is(NOTACCEPT, RECIPIENT),
            // Before user unknown: "Recipient address rejected: Domain not found" is about the domain.
            when().at(RECIPIENT_STAGES).text("domain not found|host not found|host or domain name not found|(host|domain) unknown|unknown (host|domain)"
                    + "|no such (host|domain)|domain (name )?(does not|doesn.t) exist|domain (is )?not reachable|unroute?able address"
                    + "|name service error|nxdomain|domain must exist").is(HOSTUNKNOWN, RECIPIENT),
            // "Mailbox unavailable" is RFC 5321's boilerplate for any 550; under an explicit policy status it is not about the address.
            when().at(RECIPIENT_STAGES).status("x.7.*").text("mailbox (is )?unavailable").is(FILTERED, REMOTE_POLICY),
            USER_UNKNOWN_WORDS,

            // --- Generic words.
            when().text("for policy reasons|polic(y|ies) (violation|reasons)|security polic|content examination|anti-?spoofing|spoof"
                    + "|geographical|host network,? not allowed|transport rule|violates .{0,60}polic").is(POLICYVIOLATION, REMOTE_POLICY),
            // "Blocked by policy" is a block of us (the design's example), hence before the generic policy rule.
            when().text("\\bblocked\\b|\\bbanned\\b|access denied|not allowed to (connect|send)|you are not allowed|service refused"
                    + "|refused to talk|go away|client host rejected|connection (not accepted|refused) from|not authori[sz]ed")
                    .is(BLOCKED, SENDER),
            when().text("filter(ed)?\\b").is(FILTERED, REMOTE_POLICY),
            when().text("\\bpolic(y|ies)\\b|not accepted|not permitted|prohibit|message (rejected|refused|not allowed)")
                    .is(POLICYVIOLATION, REMOTE_POLICY),

            // --- The receiving server's own state.
            when().text("insufficient (system )?(storage|resources|disk)|disk (space|full)|no space left|out of (memory|disk)"
                    + "|system (storage )?(is )?full").is(SYSTEMFULL, NETWORK),
            when().text("message expired|queue expired|delivery time expired|expired in queue|unable to deliver in \\d+|too long in (the )?queue"
                    + "|in the queue too long|retry timeout exceeded|envelope expired|could not deliver for the last|failed \\d+ attempts"
                    + "|will be retried for|after multiple retries|giving up on|retry time not reached for any host|been failing for a long time")
                    .is(EXPIRED, NETWORK, "A mail server further along kept trying and then gave up on this message; the address is not at fault."),
            when().text("timed? ?out|connection (refused|reset|closed|lost|dropped|failed)|routing loop|mail loop|loop detected|hop count"
                    + "|too many hops|exceeded \\d+ hops|dns (error|lookup|query|failure|failed)|name ?server|no route|unreachable"
                    + "|unable to connect|could not connect|lost connection|network").is(NETWORKERROR, NETWORK),
            when().text("temporary (local |system |server )?(problem|failure|error)|local (error|problem)|internal (server )?error|server error"
                    + "|system (error|problem|failure)|service (is |currently |temporarily )?(not available|unavailable)|server (is )?busy"
                    + "|unable to process|configuration (problem|error)|misconfigur|write error|temporarily rejected|could not load|not available")
                    .is(SYSTEMERROR, NETWORK),
            when().text("syntax error|command (unrecognized|not recognized|not implemented)|unrecognized command|sequence of commands|out of sequence"
                    + "|need (rcpt|mail|helo|ehlo) command|synchronization error|protocol (error|violation)|line too long|unexpected command")
                    .is(SYNTAXERROR, OURS),

            // --- "Try again later" and nothing else. A 421 closes the connection: the destination is throttling us.
            when().code(421).text("try (again )?later|please retry|come back later|temporarily").slow().is(SPEEDING, REMOTE_POLICY,
                    "The receiving server is throttling us and asked us to come back later; we will slow down for this destination and retry."),
            // A 450/451 under 4.7.x with only "try again later" is how greylisters answer (rspamd: "451 4.7.1 Try again later").
            when().deferral().status("4.7.*").text("try (again )?later|please retry|come back later").is(GREYLISTING, REMOTE_POLICY),

            // --- RFC 7504: 521 (host) and 556 (domain) mean "accepts no mail", whatever the text.
            when().code(521).is(NOTACCEPT, RECIPIENT),
            when().code(556).is(NOTACCEPT, RECIPIENT),

            // --- The enhanced status alone (RFC 3463, RFC 5248 registry, and what Gmail and Microsoft use).
            when().at(RECIPIENT_STAGES).status("x.1.1").is(USERUNKNOWN, RECIPIENT),
            when().at(RECIPIENT_STAGES).status("x.1.2").is(HOSTUNKNOWN, RECIPIENT),
            when().at(RECIPIENT_STAGES).status("x.1.3").is(INVALIDADDRESS, RECIPIENT),
            when().at(RECIPIENT_STAGES).status("x.1.6").is(HASMOVED, RECIPIENT),
            // RFC 7505 null MX. Exchange also uses 5.1.10 for "RecipientNotFound", but says so in its text (caught above).
            when().at(RECIPIENT_STAGES).status("x.1.10").is(NOTACCEPT, RECIPIENT),
            when().status("x.1.7,x.1.8").is(REJECTED, SENDER),
            when().at(RECIPIENT_STAGES).status("x.2.1").is(SUSPEND, RECIPIENT),
            when().at(RECIPIENT_STAGES).status("x.2.2").is(MAILBOXFULL, RECIPIENT),
            when().status("x.2.3").is(EXCEEDLIMIT, CONTENT),
            when().status("x.3.4").is(MESGTOOBIG, CONTENT),
            when().status("x.3.1").is(SYSTEMFULL, NETWORK),
            when().status("x.3.2").is(NOTACCEPT, RECIPIENT),
            when().status("x.3.*").is(SYSTEMERROR, NETWORK),
            when().status("x.4.7").is(EXPIRED, NETWORK),
            when().status("x.4.*").is(NETWORKERROR, NETWORK),
            when().status("x.5.3").is(TOOMANYCONN, OURS),
            when().status("x.5.*").is(SYNTAXERROR, OURS),
            when().status("x.6.*").is(CONTENTERROR, CONTENT),
            when().status("x.7.13").is(SUSPEND, RECIPIENT),
            when().status("x.7.17,x.7.18").is(HASMOVED, RECIPIENT),
            when().status("x.7.20,x.7.21,x.7.22,x.7.23,x.7.24,x.7.26,x.7.27,x.7.30,x.7.32,x.7.40").is(AUTHFAILURE, SENDER),
            when().status("x.7.25").is(REQUIREPTR, SENDER),
            when().status("x.7.28").slow().is(BADREPUTATION, SENDER),
            when().status("x.7.4,x.7.5,x.7.10,x.7.11,x.7.29").is(FAILEDSTARTTLS, REMOTE_POLICY),
            // RFC 3463 X.7.6 "cryptographic algorithm not supported", X.7.7 "message integrity failure": the message's security.
            when().status("x.7.6,x.7.7,x.7.8,x.7.14").is(SECURITYERROR, REMOTE_POLICY),
            // X.7.1 with nothing specific: who is refused depends on when.
            when().at(GREETING).at(MAIL).status("x.7.1").is(BLOCKED, SENDER),
            when().at(RCPT).status("x.7.1").is(FILTERED, REMOTE_POLICY),
            when().status("x.7.*").is(POLICYVIOLATION, REMOTE_POLICY),

            // --- Last resort: the stage and the class.
            when().code(421).is(SYSTEMERROR, NETWORK,
                    "The receiving server closed the connection without saying why; we will retry, and the address is not at fault."),
            when().deferral().is(UNDEFINED, REMOTE_POLICY),
            when().rejection().at(GREETING).is(BLOCKED, SENDER,
                    "The receiving server refused to talk to our sending server; this is not the address's fault."),
            when().rejection().at(STARTTLS).is(FAILEDSTARTTLS, REMOTE_POLICY),
            when().rejection().at(MAIL).is(REJECTED, SENDER),
            // Without a word about the address, a refused recipient is not proof of a dead address: not hard.
            when().rejection().at(RCPT, DATA).is(FILTERED, REMOTE_POLICY,
                    "The receiving server refused this recipient without giving a reason; the address has not been marked as bad."),
            when().rejection().at(DOT).is(POLICYVIOLATION, REMOTE_POLICY,
                    "The receiving server refused the message after reading it, without a specific reason; its filters may object to the content or the sending domain."),
            when().rejection().is(UNDEFINED, REMOTE_POLICY));

    /** Per rule, the words its text pattern cannot match without; one scan of the reply finds the rules worth trying. */
    private static final Keywords WORDS = new Keywords(
            TABLE.stream().map(r -> r.text() == null ? null : Literals.required(r.text().pattern())).toList());

    /** The first matching rule. Every 4xx and 5xx reply matches at least the last-resort rules. */
    static Rule first(Stage stage, int code, String status, String text) {
        long[] maybe = WORDS.candidates(text);
        for (int i = 0, n = TABLE.size(); i < n; i++) {
            if ((maybe[i >> 6] & 1L << i) != 0) {
                Rule rule = TABLE.get(i);
                if (rule.matches(stage, code, status, text)) {
                    return rule;
                }
            }
        }
        throw new IllegalArgumentException("no rule for " + code + " at " + stage.label());
    }
}
