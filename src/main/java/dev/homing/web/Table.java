package dev.homing.web;

import dev.homing.report.ReportCsv;

import java.util.ArrayList;
import java.util.List;

/**
 * One table of a page. Every table in the UI is one of these, so every table exports as CSV the same way
 * ({@code ?export=ID}): what is on screen is what is in the file.
 *
 * @param id      names the table in the export link and the file name
 * @param caption says what the table shows (also read by screen readers)
 * @param fold    rows shown before the rest is folded under "show the other N rows" (0: never folded), so a long report
 *                stays readable on a phone, where each row is a card; the CSV has every row either way
 */
public record Table(String id, String caption, List<String> header, List<List<Cell>> rows, String empty, int fold) {
    public Table {
        header = List.copyOf(header);
        rows = List.copyOf(rows);
    }

    /** The rows shown at once. */
    public List<List<Cell>> shown() {
        return folded() ? rows.subList(0, fold) : rows;
    }

    /** The rows under the fold (empty when the table is not folded). */
    public List<List<Cell>> rest() {
        return folded() ? rows.subList(fold, rows.size()) : List.of();
    }

    public boolean folded() {
        return fold > 0 && rows.size() > fold + 2;
    }

    /**
     * A cell's text, and the page it links to or the action its button posts to (or neither).
     *
     * @param label for a button, what it does to which row ("Release ann@example.com"), for screen readers
     */
    public record Cell(String text, String href, String post, String label) {
        public static Cell of(Object text) {
            return new Cell(text == null ? "" : String.valueOf(text), null, null, null);
        }

        public static Cell link(Object text, String href) {
            return new Cell(text == null ? "" : String.valueOf(text), href, null, null);
        }

        /**
         * Whether the text has a run of more than 30 characters without a space (a DKIM key, a token, a URL): such a cell
         * may break anywhere, so one long value cannot widen its column past the screen; other cells break only between
         * words, so short words are never split letter by letter.
         */
        public boolean unbroken() {
            int run = 0;
            for (int i = 0; i < text.length(); i++) {
                run = Character.isWhitespace(text.charAt(i)) ? 0 : run + 1;
                if (run > 30) {
                    return true;
                }
            }
            return false;
        }

        public static Cell button(String text, String post, String label) {
            return new Cell(text, null, post, label);
        }
    }

    static Builder of(String id, String caption, String... header) {
        return new Builder(id, caption, List.of(header));
    }

    /** RFC 4180, with the report's guard against spreadsheet formulas. */
    String csv() {
        StringBuilder sb = new StringBuilder(ReportCsv.row(header));
        for (List<Cell> row : rows) {
            sb.append(ReportCsv.row(row.stream().map(Cell::text).toList()));
        }
        return sb.toString();
    }

    static final class Builder {
        private final String id;
        private final String caption;
        private final List<String> header;
        private final List<List<Cell>> rows = new ArrayList<>();
        private String empty = "Nothing yet.";
        private int fold;

        private Builder(String id, String caption, List<String> header) {
            this.id = id;
            this.caption = caption;
            this.header = header;
        }

        /** Cells: a {@link Cell} as it is, anything else as its text. */
        Builder row(Object... cells) {
            List<Cell> r = new ArrayList<>(cells.length);
            for (Object c : cells) {
                r.add(c instanceof Cell cell ? cell : Cell.of(c));
            }
            rows.add(r);
            return this;
        }

        Builder empty(String text) {
            this.empty = text;
            return this;
        }

        /** Folds the rows after the first {@code shown} (see {@link Table#fold}). */
        Builder fold(int shown) {
            this.fold = shown;
            return this;
        }

        Table build() {
            return new Table(id, caption, header, rows, empty, fold);
        }
    }
}
