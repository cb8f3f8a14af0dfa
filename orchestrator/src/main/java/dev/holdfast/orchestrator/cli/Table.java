package dev.holdfast.orchestrator.cli;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table with a header row, columns padded to their widest cell. */
final class Table {
    private final List<String[]> rows = new ArrayList<>();
    private final boolean[] rightAligned;

    /** Creates a table; a header that starts with '>' is right-aligned (for numbers). */
    Table(String... headers) {
        rightAligned = new boolean[headers.length];
        String[] header = new String[headers.length];
        for (int i = 0; i < headers.length; i++) {
            rightAligned[i] = headers[i].startsWith(">");
            header[i] = rightAligned[i] ? headers[i].substring(1) : headers[i];
        }
        rows.add(header);
    }

    void row(String... cells) {
        if (cells.length != rightAligned.length) {
            throw new IllegalArgumentException("row has " + cells.length + " cells, expected "
                    + rightAligned.length);
        }
        rows.add(cells.clone());
    }

    List<String> lines() {
        int[] widths = new int[rightAligned.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        return rows.stream().map(row -> format(row, widths)).toList();
    }

    private String format(String[] row, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < row.length; i++) {
            String pad = " ".repeat(widths[i] - row[i].length());
            line.append(i == 0 ? "" : "  ");
            line.append(rightAligned[i] ? pad + row[i] : row[i] + pad);
        }
        return line.toString().stripTrailing();
    }
}
