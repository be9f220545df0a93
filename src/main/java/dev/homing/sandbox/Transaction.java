package dev.homing.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.subethamail.smtp.MessageHandler;

/**
 * One mail transaction (MAIL to the dot or RSET): the envelope sender and the accepted recipients
 * with their behaviours. SubEthaSMTP creates one per MAIL through the message handler factory and
 * ends it on RSET, on a new EHLO and after the dot; the sandbox's own MAIL, RCPT and DATA
 * commands fill it and act on it, so SubEthaSMTP's own calls below only keep it consistent.
 */
final class Transaction implements MessageHandler {

    record Recipient(String address, Behaviour behaviour) {
    }

    private String sender = "";
    private final List<Recipient> recipients = new ArrayList<>(1);

    String sender() {
        return sender;
    }

    List<Recipient> recipients() {
        return recipients;
    }

    void add(String address, Behaviour behaviour) {
        recipients.add(new Recipient(address, behaviour));
    }

    boolean any(Behaviour behaviour) {
        for (Recipient r : recipients) {
            if (r.behaviour() == behaviour) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void from(String from) {
        sender = from == null ? "" : from;
    }

    @Override
    public void recipient(String recipient) {
        add(recipient, Behaviour.ACCEPT);
    }

    @Override
    public String data(InputStream data) throws IOException {
        data.transferTo(java.io.OutputStream.nullOutputStream());
        return null;
    }

    @Override
    public void done() {
        // nothing is kept beyond the transaction
    }
}
