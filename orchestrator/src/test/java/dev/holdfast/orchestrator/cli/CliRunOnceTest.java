package dev.holdfast.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliRunOnceTest {
    private static final String PASSPHRASE = "correct horse battery staple";

    @TempDir
    Path folder;

    private CliRunner setUp(String sourceSchedule) throws Exception {
        Files.writeString(Files.createDirectories(folder.resolve("data")).resolve("a.txt"), "a");
        Files.writeString(folder.resolve("holdfast.yaml"), """
                repository:
                  providers: [local]
                  schedule: { check: "0 0 5 * * ?", retention: "0 0 4 * * ?" }
                providers: [{ name: local, driver: filesystem, path: ./repo }]
                sources:
                  - name: docs
                    paths: [data]
                    retention: { keep-last: 3 }
                """ + sourceSchedule);
        CliRunner cli = new CliRunner(folder).env("HOLDFAST_PASSPHRASE", PASSPHRASE);
        assertThat(cli.run("init").exitCode()).isEqualTo(ExitCodes.SUCCESS);
        return cli;
    }

    @Test
    void runOnce_runsBackupThenRetentionThenCheck() throws Exception {
        CliRunner cli = setUp("    schedule: { backup: \"0 0 2 * * ?\" }\n");

        CliRunner.Result result = cli.run("run", "--once");

        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(ExitCodes.SUCCESS);
        String out = result.stdout();
        assertThat(out).contains("job backup:docs: succeeded", "job retention: succeeded",
                "job check: succeeded");
        assertThat(out.indexOf("job backup:docs")).isLessThan(out.indexOf("job retention"));
        assertThat(out.indexOf("job retention")).isLessThan(out.indexOf("job check"));
        assertThat(cli.run("snapshots", "--json").stdout()).contains("\"id\"");
    }

    @Test
    void runOnce_failedJobGivesItsStatus() throws Exception {
        CliRunner cli = setUp("    schedule: { backup: \"0 0 2 * * ?\" }\n");
        Files.delete(folder.resolve("data/a.txt"));
        Files.delete(folder.resolve("data"));

        CliRunner.Result result = cli.run("run", "--once");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.stderr()).contains("job backup:docs: failed");
        assertThat(result.stdout()).contains("job check: succeeded");
    }

    @Test
    void run_withoutOnce_isUsageError() throws Exception {
        CliRunner cli = setUp("");

        CliRunner.Result result = cli.run("run");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.stderr()).contains("holdfast run needs --once");
    }
}
