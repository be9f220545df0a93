package dev.homing.list;

import com.fasterxml.jackson.core.JsonProcessingException;

import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Streams a CSV file into a list: the header maps one column to the address and the others to
 * attributes; rows are checked, merged by address (a later row's non-empty values win), and
 * written in batches of {@value #BATCH} with one lookup per batch, so memory does not grow with
 * the file and a re-import changes nothing that is already there. Every rejected row goes to the
 * reject file with its line and reason, and the import goes on.
 */
public final class Importer {
    static final int BATCH = 2000;

    private final Lists lists;
    private final MailingList list;
    private final String consent;
    /** The header's name of the address column as the operator said it, or null: found by its usual names. */
    private String emailColumnName;

    /**
     * The header names no column the importer recognises as the address: which one is it? The columns are given so
     * that a face can ask (the web UI offers them; the command line takes {@code --email-column}).
     */
    public static final class NoEmailColumn extends ListException {
        private final List<String> columns;

        NoEmailColumn(String message, List<String> columns) {
            super(message);
            this.columns = List.copyOf(columns);
        }

        public List<String> columns() {
            return columns;
        }
    }

    /** The address is in the column with this header name (any case), whatever it is called ("E-Mail-Adresse"). */
    public Importer withEmailColumn(String name) {
        this.emailColumnName = name == null || name.isBlank() ? null : name.strip();
        return this;
    }

    /** Progress after each batch: rows read so far and bytes read. */
    public record Progress(long rows, long bytes) {
    }

    /**
     * @param consent the consent source the operator states for the whole file (members are then
     *                confirmed and the source recorded), or null: members are unconfirmed
     */
    public Importer(Lists lists, MailingList list, String consent) {
        this.lists = lists;
        this.list = list;
        this.consent = consent == null || consent.isBlank() ? null : consent.strip();
    }

    public ImportReport run(InputStream in, String source, Writer rejects, Consumer<Progress> progress) throws IOException {
        long start = System.nanoTime();
        Instant began = Instant.now();
        LineReader lines = new LineReader(in);
        CsvLines csv = new CsvLines(lines);
        Counts n = new Counts();
        rejects.write(Csv.row(List.of("line", "reason", "row")));
        List<String> header = null;
        int emailColumn = 0;
        Map<String, Row> batch = new LinkedHashMap<>();
        while (true) {
            int line = csv.nextLineNumber();
            List<String> fields;
            try {
                fields = csv.next();
            } catch (CsvLines.Malformed e) {
                n.rows++;
                n.rowLines++;
                reject(rejects, n, e.line, e.getMessage(), e.text);
                continue;
            }
            if (fields == null) {
                break;
            }
            if (fields.size() == 1 && fields.get(0).isBlank()) {
                n.blank += csv.lastRecordLines();
                continue;
            }
            if (header == null) {
                header = header(fields);
                emailColumn = emailColumnName != null ? EmailColumn.named(header, emailColumnName) : EmailColumn.in(header);
                if (emailColumnName != null && emailColumn < 0) {
                    throw new NoEmailColumn(source + ":" + line + ": the header has no column \"" + emailColumnName + "\"; its columns: "
                            + String.join(", ", header), header);
                }
                if (emailColumn < 0) {
                    if (fields.size() == 1 && fields.get(0).contains("@")) {
                        header = List.of("email"); // a plain list of addresses, no header
                        emailColumn = 0;
                    } else {
                        throw new NoEmailColumn(source + ":" + line + ": the header names no email column (email, e-mail,"
                                + " email address, mail): " + String.join(",", fields), header);
                    }
                } else {
                    n.headerLines = csv.lastRecordLines();
                }
                int columns = header.size();
                int at = emailColumn;
                // a line with the header's columns and an address where the header says is a row: no open quote swallows it
                csv.rowsAre(f -> f.size() == columns && Address.check(f.get(at)) instanceof Address.Valid);
                if (n.headerLines > 0) {
                    continue;
                }
            }
            n.rows++;
            n.rowLines += csv.lastRecordLines();
            if (fields.size() != header.size()) {
                reject(rejects, n, line, "expected " + header.size() + " columns as in the header, found " + fields.size(), fields);
                continue;
            }
            Address.Checked checked = Address.check(fields.get(emailColumn));
            if (checked instanceof Address.Invalid bad) {
                reject(rejects, n, line, bad.reason(), fields);
                continue;
            }
            Address.Valid valid = (Address.Valid) checked;
            Map<String, String> attrs = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                String v = fields.get(i).strip();
                if (i != emailColumn && !v.isEmpty()) {
                    attrs.put(header.get(i), v);
                }
            }
            Row previous = batch.get(valid.address());
            if (previous != null) {
                previous.attributes.putAll(attrs);
                n.duplicates++;
            } else {
                batch.put(valid.address(), new Row(valid.address(), attrs, line, Csv.row(fields).stripTrailing()));
            }
            if (batch.size() >= BATCH) {
                write(batch, began, n, rejects);
                batch.clear();
                progress.accept(new Progress(n.rows, lines.bytesRead()));
            }
        }
        if (!batch.isEmpty()) {
            write(batch, began, n, rejects);
        }
        progress.accept(new Progress(n.rows, lines.bytesRead()));
        rejects.flush();
        if (csv.linesRead() != n.headerLines + n.blank + n.rowLines
                || n.rows != n.added + n.updated + n.unchanged + n.duplicates + n.rejected) {
            // every line read is the header, blank, or part of a row, and every row has one fate: a miscount is a bug
            throw new IllegalStateException(source + ": the import's counts do not add up: " + csv.linesRead() + " lines, header "
                    + n.headerLines + ", blank " + n.blank + ", in rows " + n.rowLines + "; rows " + n.rows + " vs " + n.added + "+"
                    + n.updated + "+" + n.unchanged + "+" + n.duplicates + "+" + n.rejected);
        }
        return new ImportReport(csv.linesRead(), n.blank, n.rowLines, n.rows, n.added, n.updated, n.unchanged, n.duplicates, n.rejected,
                lines.fallbackLines(), lines.firstFallbackLine(), Duration.ofNanos(System.nanoTime() - start));
    }

    /** What adding one member did. */
    public enum Added { ADDED, UPDATED, UNCHANGED }

    /**
     * One member added as a one-row import adds it (the API's subscribe with a stated consent source): confirmed with
     * this importer's consent (recorded on the member's timeline), attributes merged, an unsubscribed member left so.
     */
    public Added one(Address.Valid address, Map<String, String> attributes) {
        Counts n = new Counts();
        Map<String, Row> batch = new LinkedHashMap<>();
        batch.put(address.address(), new Row(address.address(), new LinkedHashMap<>(attributes), 0, address.address()));
        try {
            write(batch, Instant.now(), n, null);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // no reject file here: nothing is written that could fail
        }
        if (n.rejected > 0) {
            throw new ListException(address.address() + " was erased at the person's request: it is not added again by an import;"
                    + " the person can subscribe again through the double opt-in");
        }
        return n.added > 0 ? Added.ADDED : n.updated > 0 ? Added.UPDATED : Added.UNCHANGED;
    }

    private static final class Counts {
        long headerLines;
        long blank;
        long rowLines;
        long rows;
        long added;
        long updated;
        long unchanged;
        long duplicates;
        long rejected;
    }

    /** @param line the file line the row began on, and {@code raw} the row as written, for the reject file */
    private record Row(String key, Map<String, String> attributes, int line, String raw) {
    }

    private static List<String> header(List<String> fields) {
        List<String> h = new ArrayList<>(fields.size());
        for (int i = 0; i < fields.size(); i++) {
            String name = fields.get(i).strip();
            h.add(name.isEmpty() ? "column" + (i + 1) : name);
        }
        return h;
    }

    private static void reject(Writer out, Counts n, int line, String reason, List<String> fields) throws IOException {
        reject(out, n, line, reason, Csv.row(fields).stripTrailing());
    }

    /** @param row the row as it stood in the file */
    private static void reject(Writer out, Counts n, int line, String reason, String row) throws IOException {
        n.rejected++;
        out.write(Csv.row(List.of(String.valueOf(line), reason, row)));
    }

    /** A consent event of the member's timeline, in the batch. */
    private void event(RowInserts events, String key, String what, Timestamp at, String source) {
        events.add(key, list.id(), what, at, null, null, source.length() > 300 ? source.substring(0, 300) : source, null);
    }

    /** One transaction per batch: look up what exists, insert what is new, merge what changed. */
    private void write(Map<String, Row> batch, Instant began, Counts n, Writer rejects) throws IOException {
        Timestamp now = Timestamp.from(Instant.now());
        try (Connection c = lists.db().connection()) {
            c.setAutoCommit(false);
            // someone erased at their own request is not re-added by an import of an old file (Erasure keeps a hashed mark)
            for (String gone : Erasure.erasedAmong(c, batch.keySet())) {
                Row r = batch.remove(gone);
                if (rejects != null) {
                    reject(rejects, n, r.line(), "erased at the person's request: not added again by an import", r.raw());
                } else {
                    n.rejected++;
                }
            }
            if (batch.isEmpty()) {
                c.commit();
                return;
            }
            List<String> keys = new ArrayList<>(batch.keySet());
            String in = String.join(",", Collections.nCopies(keys.size(), "?"));
            Map<String, String> existing = new HashMap<>();
            Map<String, String[]> members = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement(ListSql.BATCH_STATE.formatted(in))) {
                ps.setLong(1, list.id());
                for (int i = 0; i < keys.size(); i++) {
                    ps.setString(i + 2, keys.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String key = rs.getString(1);
                        existing.put(key, rs.getString(2) == null ? "" : rs.getString(2));
                        String status = rs.getString(3);
                        if (status != null) {
                            boolean thisImport = !rs.getTimestamp(4).toInstant().isBefore(began);
                            members.put(key, new String[]{status, thisImport ? "1" : "0"});
                        }
                    }
                }
            }
            // new rows go as multi-row INSERTs (RowInserts), changes as batches of UPDATEs
            RowInserts insSub = new RowInserts(ListSql::insertSubscribers);
            RowInserts insMember = new RowInserts(ListSql::insertMembers);
            RowInserts event = new RowInserts(SubscriptionSql::insertConsents);
            try (PreparedStatement updSub = c.prepareStatement(ListSql.UPDATE_SUBSCRIBER);
                 PreparedStatement confirm = c.prepareStatement(ListSql.CONFIRM_MEMBER)) {
                int upd = 0;
                int conf = 0;
                for (Row r : batch.values()) {
                    String old = existing.get(r.key());
                    boolean changed = false;
                    if (old == null) {
                        insSub.add(r.key(), r.key(), r.attributes().isEmpty() ? null : json(r.attributes()), now, now);
                    } else if (!r.attributes().isEmpty()) {
                        Map<String, Object> merged = old.isEmpty() ? new LinkedHashMap<>() : Lists.attributes(old);
                        Map<String, Object> before = new LinkedHashMap<>(merged);
                        merged.putAll(r.attributes());
                        if (!Objects.equals(before, merged)) {
                            updSub.setString(1, json(merged));
                            updSub.setTimestamp(2, now);
                            updSub.setString(3, r.key());
                            updSub.addBatch();
                            upd++;
                            changed = true;
                        }
                    }
                    String[] member = members.get(r.key());
                    if (member == null) {
                        insMember.add(list.id(), r.key(), (consent == null ? MemberStatus.UNCONFIRMED : MemberStatus.CONFIRMED).label(), consent,
                                now, now);
                        // the member's timeline starts with the import and the consent it was made under (or none stated)
                        event(event, r.key(), "imported", now, consent != null ? consent : "import, no consent stated (unconfirmed)");
                        n.added++;
                    } else if (member[1].equals("1")) {
                        n.duplicates++; // added earlier in this same file
                    } else {
                        // an unsubscribed member stays unsubscribed: an import is not consent to come back
                        if (consent != null && member[0].equals(MemberStatus.UNCONFIRMED.label())) {
                            confirm.setString(1, consent);
                            confirm.setTimestamp(2, now);
                            confirm.setLong(3, list.id());
                            confirm.setString(4, r.key());
                            confirm.addBatch();
                            event(event, r.key(), "confirmed", now, consent);
                            conf++;
                            changed = true;
                        }
                        if (changed) {
                            n.updated++;
                        } else {
                            n.unchanged++;
                        }
                    }
                }
                insSub.flush(c);
                if (upd > 0) {
                    updSub.executeBatch();
                }
                insMember.flush(c);
                if (conf > 0) {
                    confirm.executeBatch();
                }
                event.flush(c);
            }
            c.commit();
        } catch (SQLException e) {
            throw new ListException("cannot write to the list \"" + list.name() + "\": " + e.getMessage(), e);
        }
    }

    private static String json(Map<String, ?> m) {
        try {
            return Lists.JSON.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
