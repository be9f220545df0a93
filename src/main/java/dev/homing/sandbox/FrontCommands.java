package dev.homing.sandbox;

import java.io.IOException;
import java.net.SocketTimeoutException;
import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.internal.server.BaseCommand;
import org.subethamail.smtp.server.Session;

/**
 * The sandbox's replacements for SubEthaSMTP's EHLO, MAIL, RCPT, DATA and BDAT: the same
 * protocol, but replies with enhanced status codes, the extensions the sandbox offers, and
 * per-recipient behaviours that may hold the connection. HELO, RSET, NOOP, QUIT, VRFY, HELP and
 * STARTTLS stay SubEthaSMTP's.
 */
final class FrontCommands {
    private FrontCommands() {
    }

    /** A reverse- or forward-path and its ESMTP parameters, from "MAIL FROM:&lt;a&gt; SIZE=1" or "RCPT TO:&lt;b&gt;". */
    record Path(String address, String params) {

        /** Parses the command line after its four-letter verb; null on a syntax error. */
        static Path parse(String line, String keyword) {
            String rest = line.length() > 4 ? line.substring(4).strip() : "";
            if (!rest.regionMatches(true, 0, keyword, 0, keyword.length())) {
                return null;
            }
            rest = rest.substring(keyword.length()).strip();
            String address;
            String params;
            if (rest.startsWith("<")) {
                int end = rest.indexOf('>');
                if (end < 0) {
                    return null;
                }
                address = rest.substring(1, end);
                params = rest.substring(end + 1).strip();
            } else {
                int space = 0;
                while (space < rest.length() && !Character.isWhitespace(rest.charAt(space))) {
                    space++;
                }
                address = rest.substring(0, space);
                params = rest.substring(space).strip();
                if (address.isEmpty()) {
                    return null;
                }
            }
            if (address.startsWith("@")) { // source route, RFC 5321 appendix C: ignore it
                int colon = address.indexOf(':');
                if (colon < 0) {
                    return null;
                }
                address = address.substring(colon + 1);
            }
            return new Path(address.strip(), params);
        }

        /** The value of an ESMTP parameter (case-insensitive name), or null. */
        String param(String name) {
            if (params.isEmpty()) {
                return null;
            }
            for (String token : params.split("\\s+")) {
                if (token.length() > name.length() && token.charAt(name.length()) == '='
                        && token.regionMatches(true, 0, name, 0, name.length())) {
                    return token.substring(name.length() + 1);
                }
            }
            return null;
        }
    }

    static final class Ehlo extends BaseCommand {
        private final SmtpFront front;

        Ehlo(SmtpFront front) {
            super("EHLO", "Introduce yourself.", "<hostname>");
            this.front = front;
        }

        @Override
        public void execute(String commandString, Session session) throws IOException {
            String[] args = getArgs(commandString);
            if (args.length < 2) {
                session.sendResponse(Replies.EHLO_SYNTAX);
                return;
            }
            session.resetMailTransaction();
            session.setHelo(args[1]);
            session.sendResponse(Replies.ehlo(front.hostname(), front.offersStartTls() && !session.isTLSStarted()));
        }
    }

    static final class Mail extends BaseCommand {
        Mail() {
            super("MAIL", "Specifies the sender.", "FROM: <sender> [ <parameters> ]");
        }

        @Override
        public void execute(String commandString, Session session) throws IOException {
            if (session.getHelo().isEmpty()) {
                session.sendResponse(Replies.NEED_EHLO);
                return;
            }
            if (session.isMailTransactionInProgress()) {
                session.sendResponse(Replies.NESTED_MAIL);
                return;
            }
            Path path = Path.parse(commandString, "FROM:");
            if (path == null) {
                session.sendResponse(Replies.MAIL_SYNTAX);
                return;
            }
            String size = path.param("SIZE");
            if (size != null) {
                try {
                    if (Long.parseLong(size) > Replies.MAX_MESSAGE_SIZE) {
                        session.sendResponse(Replies.SIZE_EXCEEDED);
                        return;
                    }
                } catch (NumberFormatException e) {
                    session.sendResponse(Replies.MAIL_SYNTAX);
                    return;
                }
            }
            session.startMailTransaction();
            ((Transaction) session.getMessageHandler()).from(path.address());
            session.sendResponse(Replies.MAIL_OK);
        }
    }

    static final class Rcpt extends BaseCommand {
        private final SmtpFront front;

        Rcpt(SmtpFront front) {
            super("RCPT", "Specifies the recipient. Can be used any number of times.", "TO: <recipient> [ <parameters> ]");
            this.front = front;
        }

        @Override
        public void execute(String commandString, Session session) throws IOException, DropConnectionException {
            if (!session.isMailTransactionInProgress()) {
                session.sendResponse(Replies.NEED_MAIL);
                return;
            }
            Path path = Path.parse(commandString, "TO:");
            if (path == null) {
                session.sendResponse(Replies.RCPT_SYNTAX);
                return;
            }
            if (path.address().isEmpty()) {
                session.sendResponse(Replies.BAD_RECIPIENT);
                return;
            }
            if (session.getRecipientCount() >= Replies.MAX_RECIPIENTS) {
                session.sendResponse(Replies.TOO_MANY_RECIPIENTS);
                return;
            }
            Transaction tx = (Transaction) session.getMessageHandler();
            String reply = front.recipient(session, tx, path.address());
            if (reply == null) {
                return;
            }
            if (reply.startsWith("250")) {
                session.addRecipient(path.address());
            }
            session.sendResponse(reply);
        }
    }

    static final class Data extends BaseCommand {
        private final SmtpFront front;

        Data(SmtpFront front) {
            super("DATA", "Following text is collected as the message.\nEnd data with <CR><LF>.<CR><LF>");
            this.front = front;
        }

        @Override
        public void execute(String commandString, Session session) throws IOException, DropConnectionException {
            if (!session.isMailTransactionInProgress()) {
                session.sendResponse(Replies.NEED_MAIL);
                return;
            }
            Transaction tx = (Transaction) session.getMessageHandler();
            if (tx.recipients().isEmpty()) {
                session.sendResponse(Replies.NO_VALID_RECIPIENTS);
                return;
            }
            session.sendResponse(Replies.DATA_GO_AHEAD);
            DataReader.Result data;
            try {
                data = front.state(session).reader.read(session.getRawInput(), tx.any(Behaviour.LATEBOUNCE));
            } catch (SocketTimeoutException e) {
                throw new DropConnectionException(Replies.TIMEOUT_CODE, Replies.timeoutText(front.hostname()));
            } catch (IOException e) {
                session.quit(); // the client went away in the middle of the message
                return;
            }
            if (!data.complete()) {
                session.quit();
                return;
            }
            String reply = front.message(session, tx, data);
            if (reply == null) {
                return;
            }
            session.sendResponse(reply);
            session.resetMailTransaction();
        }
    }

    /** CHUNKING is not offered; BDAT gets what a server without it answers. */
    static final class Bdat extends BaseCommand {
        Bdat() {
            super("BDAT", "Not implemented.");
        }

        @Override
        public void execute(String commandString, Session session) throws IOException {
            session.sendResponse(Replies.NO_CHUNKING);
        }
    }
}
