package dev.homing.web;

import dev.homing.list.MailingList;

/** Sends the double opt-in mail with the confirmation link (through the engine's queue). */
public interface ConfirmationMailer {
    void send(MailingList list, String address, String confirmUrl);
}
