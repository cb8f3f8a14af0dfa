package dev.holdfast.orchestrator.database;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a faithful restore of one database needs besides its dump, stored as {@code
 * database.json}. PostgreSQL fills {@code encoding}, {@code collate}, {@code ctype}, the
 * locale provider fields and {@code roles}; MariaDB fills {@code characterSet} and {@code
 * collation}.
 *
 * @param serverVersion the server's version text, like "15.20 (Debian 15.20-0+deb12u1)"
 * @param localeProvider PostgreSQL 15 and later: "libc" or "icu"
 * @param iculocale the ICU locale when {@code localeProvider} is "icu"
 * @param owner the role or user that owns the database (PostgreSQL)
 * @param roles the roles that own objects of the database or hold privileges on them, so
 *     that a restore can tell whether owners and grants can be kept (PostgreSQL)
 * @param dumpFile the name of the dump in the database's folder, see {@link DumpLayout}
 * @param properties settings, comment and privileges of the database itself (PostgreSQL)
 */
public record DatabaseInfo(DatabaseKind kind, String database, String serverVersion,
        Optional<String> encoding, Optional<String> collate, Optional<String> ctype,
        Optional<String> localeProvider, Optional<String> iculocale,
        Optional<String> characterSet, Optional<String> collation, Optional<String> owner,
        List<Extension> extensions, List<String> roles, String dumpTool,
        String dumpToolVersion, String dumpFile, DatabaseProperties properties) {
    private static final int FORMAT = 1;

    /** An installed extension (PostgreSQL), with the schema it was created in. */
    public record Extension(String name, String version, String schema) {
    }

    public DatabaseInfo {
        extensions = List.copyOf(extensions);
        roles = List.copyOf(roles);
    }

    /** Returns the UTF-8 JSON of {@code database.json}. */
    public byte[] toJson() {
        ObjectNode root = JsonFile.newObject();
        root.put("format", FORMAT);
        root.put("kind", kind.id());
        root.put("database", database);
        root.put("server_version", serverVersion);
        putOptional(root, "encoding", encoding);
        putOptional(root, "lc_collate", collate);
        putOptional(root, "lc_ctype", ctype);
        putOptional(root, "locale_provider", localeProvider);
        putOptional(root, "icu_locale", iculocale);
        putOptional(root, "character_set", characterSet);
        putOptional(root, "collation", collation);
        putOptional(root, "owner", owner);
        var list = root.putArray("extensions");
        for (Extension extension : extensions) {
            list.addObject().put("name", extension.name()).put("version", extension.version())
                    .put("schema", extension.schema());
        }
        roles.forEach(root.putArray("roles")::add);
        root.put("dump_tool", dumpTool);
        root.put("dump_tool_version", dumpToolVersion);
        root.put("dump_file", dumpFile);
        var settings = root.putArray("settings");
        for (DatabaseProperties.Setting setting : properties.settings()) {
            ObjectNode item = settings.addObject();
            putOptional(item, "role", setting.role());
            item.put("setting", setting.setting());
        }
        putOptional(root, "comment", properties.comment());
        // Absent means the default privileges; an empty list means that all were revoked.
        properties.grants().ifPresent(grants -> {
            var array = root.putArray("grants");
            for (DatabaseProperties.Grant grant : grants) {
                ObjectNode item = array.addObject();
                putOptional(item, "grantee", grant.grantee());
                item.put("privilege", grant.privilege()).put("grantable", grant.grantable());
            }
        });
        return JsonFile.bytes(root);
    }

    private static void putOptional(ObjectNode root, String field, Optional<String> value) {
        value.ifPresent(v -> root.put(field, v));
    }

    /**
     * Parses the content of a {@code database.json}. Fields that this version does not know
     * are ignored, so that older releases read files from newer ones.
     *
     * @throws DatabaseException when the content is not such a file, naming the problem
     */
    public static DatabaseInfo parse(byte[] json) throws DatabaseException {
        JsonFile file = new JsonFile(DumpLayout.DATABASE_INFO);
        JsonNode root = file.parse(json);
        file.requireFormat(root, FORMAT);
        List<Extension> extensions = new ArrayList<>();
        for (JsonNode item : file.objects(root, "extensions")) {
            extensions.add(new Extension(file.text(item, "name"), file.text(item, "version"),
                    file.text(item, "schema")));
        }
        return new DatabaseInfo(TableStatistics.kind(file, file.text(root, "kind")),
                file.text(root, "database"), file.text(root, "server_version"),
                file.optionalText(root, "encoding"), file.optionalText(root, "lc_collate"),
                file.optionalText(root, "lc_ctype"), file.optionalText(root, "locale_provider"),
                file.optionalText(root, "icu_locale"), file.optionalText(root, "character_set"),
                file.optionalText(root, "collation"), file.optionalText(root, "owner"),
                extensions, file.texts(root, "roles"), file.text(root, "dump_tool"),
                file.text(root, "dump_tool_version"), file.text(root, "dump_file"),
                properties(file, root));
    }

    /** Reads the database's own properties; files written before they were recorded lack them. */
    private static DatabaseProperties properties(JsonFile file, JsonNode root)
            throws DatabaseException {
        List<DatabaseProperties.Setting> settings = new ArrayList<>();
        if (root.has("settings")) {
            for (JsonNode item : file.objects(root, "settings")) {
                settings.add(new DatabaseProperties.Setting(file.optionalText(item, "role"),
                        file.text(item, "setting")));
            }
        }
        Optional<List<DatabaseProperties.Grant>> grants = Optional.empty();
        if (root.has("grants")) {
            List<DatabaseProperties.Grant> list = new ArrayList<>();
            for (JsonNode item : file.objects(root, "grants")) {
                String privilege = file.text(item, "privilege");
                if (!DatabaseProperties.PRIVILEGES.contains(privilege)) {
                    throw file.malformed("privilege \"" + privilege + "\" is not one of "
                            + DatabaseProperties.PRIVILEGES);
                }
                list.add(new DatabaseProperties.Grant(file.optionalText(item, "grantee"),
                        privilege, file.bool(item, "grantable")));
            }
            grants = Optional.of(list);
        }
        return new DatabaseProperties(settings, file.optionalText(root, "comment"), grants);
    }
}
