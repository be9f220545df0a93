package dev.homing.report;

import dev.homing.list.Csv;

import java.util.List;

/**
 * The per-recipient table as CSV. Server replies and addresses end up in it, and a remote server
 * chooses its own reply text: every field goes through {@link Csv}, which quotes and guards formulas.
 */
public final class ReportCsv {
    private ReportCsv() {
    }

    public static final List<String> HEADER = List.of("recipient", "state", "outcome", "reason", "code", "enhanced", "responsible",
            "action", "provider", "last event");

    public static String header() {
        return row(HEADER);
    }

    public static String row(RecipientLine l) {
        return row(java.util.Arrays.asList(l.recipient(), l.state(), l.outcome(), l.reason(), l.code() == null ? "" : l.code().toString(),
                l.enhanced(), l.responsible(), l.action(), l.provider(), l.lastEvent()));
    }

    /** One CSV line of any table (the web UI exports every table through this): {@link Csv}, the one writer with the formula guard. */
    public static String row(List<String> fields) {
        return Csv.row(fields);
    }
}
