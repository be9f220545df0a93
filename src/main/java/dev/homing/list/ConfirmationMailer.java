package dev.homing.list;


/** Sends the mails of the double opt-in (through the engine's queue). */
public interface ConfirmationMailer {
    /**
     * The confirmation request with its link.
     *
     * @param pagesUrl where the public pages are, for the safelist page link
     */
    void send(MailingList list, String address, String confirmUrl, String pagesUrl);

    /** The welcome mail, once the address is confirmed. */
    void welcome(MailingList list, String address, String unsubscribeUrl, String pagesUrl);
}
