package dev.holdfast.orchestrator.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DatabasePropertiesTest {

    @Test
    void listElements_quotedAndPlain_split() throws Exception {
        assertThat(DatabaseProperties.listElements("\"$user\", public, \"Odd, \"\"name\""))
                .containsExactly("$user", "public", "Odd, \"name");
    }

    @Test
    void listElements_emptyQuoted_isOneEmptyElement() throws Exception {
        assertThat(DatabaseProperties.listElements("\"\"")).containsExactly("");
    }

    @Test
    void listElements_unclosedQuote_isRejected() {
        assertThatThrownBy(() -> DatabaseProperties.listElements("\"public"))
                .isInstanceOf(DatabaseException.class).hasMessageContaining("unclosed quote");
    }

    @Test
    void settingStatement_listSetting_quotesEachElement() throws Exception {
        var setting = new DatabaseProperties.Setting(Optional.empty(),
                "search_path=\"$user\", public");

        assertThat(setting.statement("new db")).isEqualTo(
                "ALTER DATABASE \"new db\" SET \"search_path\" TO '$user', 'public'");
    }

    @Test
    void settingStatement_dottedName_quotesParts() throws Exception {
        var setting = new DatabaseProperties.Setting(Optional.of("app"),
                "myapp.tenant=it's");

        assertThat(setting.statement("db")).isEqualTo(
                "ALTER ROLE \"app\" IN DATABASE \"db\" SET \"myapp\".\"tenant\" TO 'it''s'");
    }

    @Test
    void settingStatement_noEquals_isRejected() {
        var setting = new DatabaseProperties.Setting(Optional.empty(), "work_mem");

        assertThatThrownBy(() -> setting.statement("db"))
                .isInstanceOf(DatabaseException.class).hasMessageContaining("name=value");
    }

    @Test
    void grantStatement_public_grantsToPublic() throws Exception {
        var grant = new DatabaseProperties.Grant(Optional.empty(), "TEMPORARY", false);

        assertThat(grant.statement("db")).isEqualTo("GRANT TEMPORARY ON DATABASE \"db\" TO PUBLIC");
    }

    @Test
    void parse_unknownPrivilege_isRejected() {
        String json = """
                {"format": 1, "kind": "postgresql", "database": "db", "server_version": "15",
                 "extensions": [], "roles": [], "dump_tool": "pg_dump",
                 "dump_tool_version": "15", "dump_file": "dump.custom",
                 "grants": [{"privilege": "CONNECT ON DATABASE x TO y; DROP", "grantable": false}]}
                """;

        assertThatThrownBy(() -> DatabaseInfo.parse(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(DatabaseException.class).hasMessageContaining("is not one of");
    }

    @Test
    void parse_withoutProperties_hasNone() throws Exception {
        String json = """
                {"format": 1, "kind": "postgresql", "database": "db", "server_version": "15",
                 "extensions": [], "roles": [], "dump_tool": "pg_dump",
                 "dump_tool_version": "15", "dump_file": "dump.custom"}
                """;

        DatabaseInfo info = DatabaseInfo.parse(json.getBytes(StandardCharsets.UTF_8));

        assertThat(info.properties()).isEqualTo(DatabaseProperties.NONE);
        assertThat(info.properties().settings()).isEqualTo(List.of());
    }
}
