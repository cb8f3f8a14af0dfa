package dev.holdfast.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HelpTest {
    private static final List<String> COMMANDS = List.of(
            "init", "backup", "snapshots", "ls", "restore", "dump", "check", "key",
            "providers", "repair", "copy", "audit", "incidents", "rollback", "restore-test", "reports");

    @TempDir
    Path folder;

    @Test
    void help_listsEveryCommand() {
        CliRunner.Result result = new CliRunner(folder).run("--help");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.SUCCESS);
        for (String command : COMMANDS) {
            assertThat(result.stdout()).containsPattern("(?m)^  " + command + " ");
        }
    }

    @Test
    void help_listsEveryExitCodeWithItsMeaning() {
        String help = new CliRunner(folder).run("--help").stdout();

        assertThat(help).contains("Exit codes:");
        ExitCodes.descriptions().forEach((code, meaning) ->
                assertThat(help).containsPattern(
                        "(?m)^  " + code + " +" + Pattern.quote(meaning) + "$"));
        assertThat(ExitCodes.descriptions()).containsKeys(
                "0", "1", "2", "3", "10", "11", "12", "13", "14", "15", "16", "130");
    }

    @Test
    void keyHelp_listsItsSubcommands() {
        String help = new CliRunner(folder).run("key", "--help").stdout();

        assertThat(help).containsPattern("(?m)^  list ")
                .containsPattern("(?m)^  add ")
                .containsPattern("(?m)^  remove ");
    }

    @Test
    void everyCommandHelp_showsTheGlobalOptions() {
        for (String command : COMMANDS) {
            String help = new CliRunner(folder).run(command, "--help").stdout();

            assertThat(help).as(command).contains("--config=FILE", "--quiet", "--verbose",
                    "--json");
        }
    }

    @Test
    void version_printsTheProgramName() {
        CliRunner.Result result = new CliRunner(folder).run("--version");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(result.stdout()).startsWith("holdfast ");
    }

    @Test
    void noCommand_isAUsageError() {
        CliRunner.Result result = new CliRunner(folder).run();

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.stderr()).startsWith("holdfast: missing command\n");
    }

    @Test
    void misspelledCommand_suggestsTheRightOne() {
        CliRunner.Result result = new CliRunner(folder).run("snapshot");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.stderr()).contains("holdfast snapshots");
    }
}
