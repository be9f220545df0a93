package dev.homing.provider;

/** What sort of service answers for a domain: it decides who can safelist a sender (the user or an administrator). */
public enum Kind {
    /** A mailbox people sign up for themselves (Gmail, Outlook.com, Yahoo, ...): the user safelists. */
    CONSUMER_MAILBOX,
    /** An organisation's hosted mail suite (Google Workspace, Microsoft 365, Zoho): the user, and the admin for quarantine. */
    BUSINESS_SUITE,
    /** A filter in front of a company's mailboxes (Mimecast, Proofpoint, ...): only the mail administrator can release and allow. */
    CORPORATE_GATEWAY,
    /** Not recognised. */
    OTHER
}
