package dev.homing.sandbox;

import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.Properties;

/**
 * Builds the RFC 3464 delivery status notification of a late bounce: multipart/report with
 * report-type=delivery-status, a human-readable text/plain part, a message/delivery-status part
 * (Reporting-MTA, Arrival-Date, and per recipient Final-Recipient, Action: failed, Status: 5.1.1,
 * Remote-MTA, Diagnostic-Code, Last-Attempt-Date) and the original header section as
 * text/rfc822-headers (RFC 6522), from MAILER-DAEMON at the sandbox host, the way Postfix words it.
 */
final class DsnMessage {
    static final String STATUS = "5.1.1";
    private static final DateTimeFormatter DATE = DateTimeFormatter.RFC_1123_DATE_TIME;
    private static final Session MAIL = Session.getInstance(new Properties());

    private DsnMessage() {
    }

    /** multipart/report; report-type=delivery-status (jakarta.mail has no class for it). */
    private static final class ReportMultipart extends MimeMultipart {
        ReportMultipart() throws MessagingException {
            super("report");
            ContentType type = new ContentType(contentType);
            type.setParameter("report-type", "delivery-status");
            contentType = type.toString();
        }
    }

    static byte[] build(String host, LateBounces.Bounce bounce, ZonedDateTime failedAt) throws MessagingException, IOException {
        String messageId = "<" + failedAt.toEpochSecond() + "." + bounce.queueId() + "@" + host + ">";
        MimeMessage message = new MimeMessage(MAIL) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        try {
            message.setFrom(new InternetAddress("MAILER-DAEMON@" + host, "Mail Delivery System", "US-ASCII"));
        } catch (UnsupportedEncodingException e) {
            throw new MessagingException("US-ASCII missing", e);
        }
        try {
            message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(bounce.returnPath(), false));
        } catch (AddressException e) {
            message.setHeader("To", "<" + bounce.returnPath() + ">");
        }
        message.setSubject("Undelivered Mail Returned to Sender", "US-ASCII");
        message.setSentDate(Date.from(failedAt.toInstant()));
        message.setHeader("Auto-Submitted", "auto-replied");

        MimeMultipart report = new ReportMultipart();
        MimeBodyPart human = new MimeBodyPart();
        human.setText(humanText(host, bounce), "us-ascii");
        human.setHeader("Content-Description", "Notification");
        report.addBodyPart(human);

        MimeBodyPart status = new MimeBodyPart();
        status.setDataHandler(new DataHandler(new ByteArrayDataSource(
                deliveryStatus(host, bounce, failedAt).getBytes(StandardCharsets.UTF_8), "message/delivery-status")));
        status.setHeader("Content-Description", "Delivery report");
        report.addBodyPart(status);

        MimeBodyPart headers = new MimeBodyPart();
        headers.setDataHandler(new DataHandler(new ByteArrayDataSource(originalHeaders(host, bounce), "text/rfc822-headers")));
        headers.setHeader("Content-Description", "Undelivered Message Headers");
        report.addBodyPart(headers);

        message.setContent(report);
        message.saveChanges();
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        message.writeTo(out);
        return out.toByteArray();
    }

    private static String humanText(String host, LateBounces.Bounce bounce) {
        StringBuilder sb = new StringBuilder()
                .append("This is the mail system at host ").append(host).append(".\r\n\r\n")
                .append("I'm sorry to have to inform you that your message could not\r\n")
                .append("be delivered to one or more recipients. Its headers are attached below.\r\n\r\n")
                .append("The message was accepted with 250 at ").append(DATE.format(bounce.arrival())).append("\r\n")
                .append("and failed afterwards, when it was handed to the mailbox (a late bounce).\r\n\r\n")
                .append("                   The mail system\r\n");
        for (String rcpt : bounce.recipients()) {
            sb.append("\r\n<").append(rcpt).append(">: host ").append(host).append("[127.0.0.1] said: ")
                    .append(Replies.lateBounceDiagnostic(rcpt)).append("\r\n");
        }
        return sb.toString();
    }

    private static String deliveryStatus(String host, LateBounces.Bounce bounce, ZonedDateTime failedAt) {
        StringBuilder sb = new StringBuilder()
                .append("Reporting-MTA: dns; ").append(host).append("\r\n")
                .append("X-Sandbox-Queue-ID: ").append(bounce.queueId()).append("\r\n")
                .append("Arrival-Date: ").append(DATE.format(bounce.arrival())).append("\r\n");
        for (String rcpt : bounce.recipients()) {
            sb.append("\r\n")
                    .append("Final-Recipient: rfc822; ").append(rcpt).append("\r\n")
                    .append("Action: failed\r\n")
                    .append("Status: ").append(STATUS).append("\r\n")
                    .append("Remote-MTA: dns; ").append(host).append("\r\n")
                    .append("Diagnostic-Code: smtp; ").append(Replies.lateBounceDiagnostic(rcpt)).append("\r\n")
                    .append("Last-Attempt-Date: ").append(DATE.format(failedAt)).append("\r\n");
        }
        return sb.toString();
    }

    /** The sandbox's own Received line, then the header section as it arrived. */
    private static byte[] originalHeaders(String host, LateBounces.Bounce bounce) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bounce.headers().length + 256);
        String received = "Received: from " + bounce.helo() + " (unknown [" + bounce.clientIp() + "])\r\n"
                + "\tby " + host + " (Homing sandbox) with ESMTP id " + bounce.queueId()
                + (bounce.recipients().size() == 1 ? "\r\n\tfor <" + bounce.recipients().get(0) + ">" : "")
                + "; " + DATE.format(bounce.arrival()) + "\r\n";
        out.writeBytes(received.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(bounce.headers());
        return out.toByteArray();
    }
}
