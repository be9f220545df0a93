package dev.homing.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.List;

/**
 * Amazon SES notifications (by SNS email): JSON, not MIME. "bounce" carries the DSN fields per
 * recipient; "complaint" is a feedback report; the original's headers are in "mail".
 */
final class SesNotification {
    private SesNotification() {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The analysis, or null when the text holds no SES notification. */
    static Analysis read(String text, byte[] raw) {
        int at = text.indexOf('{');
        if (at < 0) {
            return null;
        }
        JsonNode root;
        try {
            // SNS wraps long lines, even inside strings: the JSON is whole once the line breaks are gone
            root = JSON.readTree(text.substring(at, text.lastIndexOf('}') + 1).replaceAll("\r?\n", ""));
        } catch (Exception e) {
            return null;
        }
        if (root.has("Message") && root.get("Message").isTextual()) { // SNS envelope around the SES JSON
            try {
                root = JSON.readTree(root.get("Message").asText());
            } catch (Exception e) {
                return null;
            }
        }
        Original original = original(root.path("mail"));
        JsonNode bounce = root.path("bounce");
        if (bounce.isObject()) {
            boolean permanent = !"Transient".equalsIgnoreCase(bounce.path("bounceType").asText());
            List<BouncedRecipient> out = new ArrayList<>();
            for (JsonNode r : bounce.path("bouncedRecipients")) {
                String address = Addresses.first(r.path("emailAddress").asText(""));
                if (address == null) {
                    continue;
                }
                String diag = r.path("diagnosticCode").asText("");
                String diagType = StatusFields.diagnosticType(diag);
                Diagnostic d = Diagnostic.read(diagType.isEmpty() ? diag : StatusFields.typed(diag));
                Action action = r.has("action") ? Action.of(r.path("action").asText()) : permanent ? Action.FAILED : Action.DELAYED;
                String remote = StatusFields.typed(bounce.path("remoteMtaIp").asText(null));
                out.add(Verdicts.recipient(address, action, r.path("status").asText(null), d, remote, false, null));
            }
            return out.isEmpty() ? null : new Bounce(out, original);
        }
        JsonNode complaint = root.path("complaint");
        if (complaint.isObject()) {
            List<String> recipients = new ArrayList<>();
            for (JsonNode r : complaint.path("complainedRecipients")) {
                String address = Addresses.first(r.path("emailAddress").asText(""));
                if (address != null) {
                    recipients.add(address);
                }
            }
            JsonNode mail = root.path("mail");
            return new Complaint(FeedbackType.of(complaint.path("complaintFeedbackType").asText("abuse")),
                    complaint.path("userAgent").asText(null), recipients, mail.path("source").asText(null),
                    mail.path("sourceIp").asText(null), null, complaint.path("arrivalDate").asText(null), original);
        }
        return null;
    }

    private static Original original(JsonNode mail) {
        String messageId = null;
        String delivery = null;
        String returnPath = null;
        for (JsonNode h : mail.path("headers")) {
            String name = h.path("name").asText("");
            String value = h.path("value").asText(null);
            if (name.equalsIgnoreCase("Message-ID")) {
                messageId = Addresses.bare(value);
            } else if (name.equalsIgnoreCase(dev.homing.campaign.MessageTemplate.DELIVERY_HEADER)) {
                delivery = value;
            } else if (name.equalsIgnoreCase("Return-Path")) {
                returnPath = Addresses.bare(value);
            }
        }
        if (returnPath == null) {
            returnPath = mail.path("source").asText(null);
        }
        if (messageId == null) {
            messageId = mail.path("commonHeaders").path("messageId").asText(null);
            messageId = Addresses.bare(messageId);
        }
        return new Original(messageId, delivery, returnPath);
    }
}
