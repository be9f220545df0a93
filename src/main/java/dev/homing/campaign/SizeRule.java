package dev.homing.campaign;

import java.util.ArrayList;
import java.util.List;

/**
 * Size. Gmail clips HTML over 102 KB behind "[Message clipped] View entire message", which hides
 * the footer (unsubscribe link, postal address) and counts against engagement; very large messages
 * are slow on phones and weigh on filters and quotas.
 */
record SizeRule() implements ContentRule {
    static final String CLIPPED = "html-clipped-by-gmail";
    static final String HUGE = "huge-message";
    static final double CLIPPED_POINTS = 1.0;
    static final double HUGE_POINTS = 1.5;
    /** Gmail's clipping point for the HTML. */
    static final int GMAIL_CLIP_BYTES = 102 * 1024;
    /** A whole message above this is too big for a campaign: link to files instead of attaching them. */
    static final int HUGE_BYTES = 1024 * 1024;

    @Override
    public List<ContentFinding> check(ContentMessage message) {
        List<ContentFinding> out = new ArrayList<>();
        if (message.htmlBytes() > GMAIL_CLIP_BYTES) {
            out.add(ContentFinding.of(CLIPPED, CLIPPED_POINTS, "The HTML is " + kb(message.htmlBytes()) + "; Gmail clips HTML "
                    + "over 102 KB and hides the rest, including the unsubscribe link and address at the bottom. Trim it "
                    + "(inline styles, comments, unused markup).", "text/html part: " + kb(message.htmlBytes())));
        }
        if (message.totalBytes() > HUGE_BYTES) {
            out.add(ContentFinding.of(HUGE, HUGE_POINTS, "The message is " + kb(message.totalBytes()) + "; very large bulk "
                    + "messages are slow to deliver and to open and filters treat them with suspicion. Link to large files "
                    + "instead of attaching them.", "whole message: " + kb(message.totalBytes())));
        }
        return out;
    }

    private static String kb(int bytes) {
        return (bytes + 1023) / 1024 + " KB";
    }
}
