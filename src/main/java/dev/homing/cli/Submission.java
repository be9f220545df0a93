package dev.homing.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.homing.list.Address;
import dev.homing.list.RecipientFile;
import dev.homing.queue.NewDelivery;
import dev.homing.queue.Queue;

import java.io.IOException;
import java.io.PrintStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Puts one message and its recipients into the queue, streaming the recipient file in batches.
 * Every bad row is reported as {@code FILE:LINE: reason}; an invalid address is also recorded as a
 * bounced delivery (invalidaddress, 191) so the report shows it; duplicates are skipped.
 */
final class Submission {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BATCH = 1000;

    record Result(long messageId, long queued, long invalid, long duplicates, long unreadable, long suppressed) {
        long total() {
            return queued + invalid + suppressed;
        }

        /** Deliveries final from the start (invalid or suppressed). */
        long finalAtOnce() {
            return invalid + suppressed;
        }
    }

    /** Suppressed addresses are recorded {@code suppressed} with the reason and never sent; returns how many. */
    private static int enqueue(Queue queue, dev.homing.list.Suppressions suppressions, long messageId, List<NewDelivery> batch) {
        List<String> keys = batch.stream().filter(d -> d.invalid() == null).map(NewDelivery::recipient).toList();
        var found = suppressions.find(keys, 0);
        int n = 0;
        List<NewDelivery> out = new ArrayList<>(batch.size());
        for (NewDelivery d : batch) {
            dev.homing.list.Suppression s = d.invalid() == null ? dev.homing.list.Suppressions.stopping(found.get(d.recipient())) : null;
            if (s != null) {
                out.add(d.suppressedBecause("suppressed since " + s.createdAt() + " (" + s.reason() + "): "
                        + (s.source() == null ? "" : s.source())));
                n++;
            } else {
                out.add(d);
            }
        }
        queue.addDeliveries(messageId, out);
        return n;
    }

    private Submission() {
    }

    static Result submit(Queue queue, dev.homing.list.Suppressions suppressions, String from, String label, String content,
                         String source, InputStream recipients, PrintStream err) throws IOException {
        long messageId = queue.addMessage(from, label, content);
        List<NewDelivery> batch = new ArrayList<>(BATCH);
        Map<String, Integer> seen = new HashMap<>();
        long[] counts = new long[5];
        RecipientFile.read(recipients, row -> {
            Address.Checked c = Address.check(row.address());
            String where = source + ":" + row.line();
            switch (c) {
                case Address.Valid v -> {
                    Integer before = seen.putIfAbsent(v.address().toLowerCase(Locale.ROOT), row.line());
                    if (before != null) {
                        err.println(where + ": " + v.address() + " repeats line " + before + ", skipped");
                        counts[2]++;
                        return;
                    }
                    batch.add(new NewDelivery(v.address(), v.domain(), vars(row.fields()), null, where));
                    counts[0]++;
                }
                case Address.Invalid i -> {
                    err.println(where + ": \"" + i.input() + "\" " + i.reason() + "; recorded as bounced (invalidaddress)");
                    batch.add(new NewDelivery(i.input(), domainOf(i.input()), vars(row.fields()), i.reason(), where));
                    counts[1]++;
                }
            }
            if (batch.size() >= BATCH) {
                counts[4] += enqueue(queue, suppressions, messageId, batch);
                batch.clear();
            }
        }, problem -> {
            if (problem.skipped()) {
                err.println(source + ":" + problem.line() + ": " + problem.message() + "; row skipped");
                counts[3]++;
            } else {
                err.println(source + ":" + problem.line() + ": " + problem.message());
            }
        });
        counts[4] += enqueue(queue, suppressions, messageId, batch);
        return new Result(messageId, counts[0] - counts[4], counts[1], counts[2], counts[3], counts[4]);
    }

    private static String vars(Map<String, String> fields) {
        if (fields.isEmpty()) {
            return null;
        }
        try {
            return JSON.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String domainOf(String s) {
        int at = s.lastIndexOf('@');
        String d = at < 0 ? "" : s.substring(at + 1).toLowerCase(Locale.ROOT);
        return d.length() > 255 ? d.substring(0, 255) : d;
    }
}
