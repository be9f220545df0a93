package dev.homing.campaign;

import java.util.List;

/**
 * One subscriber's copy of a campaign, decoded for reading (the editor's preview, the body of a test send): the fields
 * a mail program shows, every header as written, the HTML and text parts, and the size on the wire. Its unsubscribe
 * link and address lead nowhere ({@link UnsubscribeFields#inert}): a click in a preview or a test unsubscribes nobody.
 *
 * @param as   the subscriber it was rendered for
 * @param html the HTML part, or null when the campaign has none
 * @param size the signed message's size in bytes
 */
public record Preview(String as, String from, String subject, List<Header> headers, String html, String text, int size) {
    public Preview {
        headers = List.copyOf(headers);
    }

    public record Header(String name, String value) {
    }

    static Preview of(String as, byte[] copy) {
        ContentMessage m = ContentMessage.parse(copy);
        List<Header> headers = m.headers().stream().map(h -> new Header(h.name(), h.value())).toList();
        String from = m.header("From");
        return new Preview(as, from == null ? "" : from, m.subject(), headers, m.html(), m.text() == null ? "" : m.text(), copy.length);
    }
}
