package dev.holdfast.orchestrator.database;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The row counts of a database's tables, stored as {@code tables.json} beside its dump so
 * that a restore can be checked table by table.
 *
 * @param exactCountLimitBytes tables whose size without indexes is below this were counted
 *     with {@code count(*)}, larger ones estimated
 * @param sameSnapshot whether the counts come from the dump's own snapshot (PostgreSQL) or
 *     were taken just before the dump (MariaDB), so that writes in between may differ
 */
public record TableStatistics(DatabaseKind kind, String database, long exactCountLimitBytes,
        boolean sameSnapshot, List<TableCount> tables) {
    /** The default size limit for exact counts: 64 MiB of table size. */
    public static final long DEFAULT_EXACT_COUNT_LIMIT = 64L * 1024 * 1024;
    private static final int FORMAT = 1;

    public TableStatistics {
        tables = List.copyOf(tables);
    }

    /** Returns the statistics as the UTF-8 JSON of {@code tables.json}. */
    public byte[] toJson() {
        ObjectNode root = JsonFile.newObject();
        root.put("format", FORMAT);
        root.put("kind", kind.id());
        root.put("database", database);
        root.put("exact_count_limit_bytes", exactCountLimitBytes);
        root.put("same_snapshot_as_dump", sameSnapshot);
        ArrayNode list = root.putArray("tables");
        for (TableCount table : tables) {
            ObjectNode item = list.addObject();
            item.put("schema", table.schema());
            item.put("name", table.name());
            item.put("rows", table.rows());
            item.put("exact", table.exact());
            item.put("total_bytes", table.totalBytes());
        }
        return JsonFile.bytes(root);
    }

    /**
     * Parses the content of a {@code tables.json}.
     *
     * @throws DatabaseException when the content is not such a file, naming the problem
     */
    public static TableStatistics parse(byte[] json) throws DatabaseException {
        JsonFile file = new JsonFile(DumpLayout.TABLES);
        JsonNode root = file.parse(json);
        file.requireFormat(root, FORMAT);
        DatabaseKind kind = kind(file, file.text(root, "kind"));
        List<TableCount> tables = new ArrayList<>();
        for (JsonNode item : file.objects(root, "tables")) {
            tables.add(table(file, item));
        }
        long limit = file.number(root, "exact_count_limit_bytes");
        if (limit < 0) {
            throw file.malformed("has a negative exact_count_limit_bytes " + limit);
        }
        return new TableStatistics(kind, file.text(root, "database"), limit,
                file.bool(root, "same_snapshot_as_dump"), tables);
    }

    private static TableCount table(JsonFile file, JsonNode item) throws DatabaseException {
        String schema = file.text(item, "schema");
        String name = file.text(item, "name");
        long rows = file.number(item, "rows");
        long bytes = file.number(item, "total_bytes");
        if (rows < 0 || bytes < 0) {
            throw file.malformed("has a negative count for table \"" + schema + "." + name
                    + "\"");
        }
        return new TableCount(schema, name, rows, file.bool(item, "exact"), bytes);
    }

    static DatabaseKind kind(JsonFile file, String id) throws DatabaseException {
        try {
            return DatabaseKind.fromId(id);
        } catch (IllegalArgumentException e) {
            throw file.malformed("names " + e.getMessage());
        }
    }
}
