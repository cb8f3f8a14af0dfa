package dev.holdfast.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PassphrasesTest {
    @TempDir
    Path folder;

    @Test
    void environmentVariable_isUsedAsIs() throws Exception {
        Passphrases passphrases = passphrases(Map.of("HOLDFAST_PASSPHRASE", " secret words "));

        assertThat(passphrases.current()).isEqualTo(" secret words ".toCharArray());
    }

    @Test
    void file_givesFirstLineOnly() throws Exception {
        Files.writeString(folder.resolve("pass"), "correct horse\r\nsecond line\n");
        Passphrases passphrases = passphrases(Map.of("HOLDFAST_PASSPHRASE_FILE", "pass"));

        assertThat(passphrases.current()).isEqualTo("correct horse".toCharArray());
    }

    @Test
    void fileWithoutLineEnding_givesItsWholeContent() throws Exception {
        Files.write(folder.resolve("pass"), "ünïcode".getBytes(StandardCharsets.UTF_8));
        Passphrases passphrases = passphrases(Map.of("HOLDFAST_PASSPHRASE_FILE",
                folder.resolve("pass").toString()));

        assertThat(passphrases.current()).isEqualTo("ünïcode".toCharArray());
    }

    @Test
    void neitherVariableNorTerminal_namesBothVariables() {
        Passphrases passphrases = passphrases(Map.of());

        assertThatThrownBy(passphrases::current)
                .isInstanceOfSatisfying(CliException.class,
                        e -> assertThat(e.exitCode()).isEqualTo(ExitCodes.USAGE))
                .hasMessage("no passphrase: set HOLDFAST_PASSPHRASE or HOLDFAST_PASSPHRASE_FILE, "
                        + "or run holdfast in a terminal to type it");
    }

    @Test
    void newKeyWithoutSource_namesTheNewVariables() {
        Passphrases passphrases = passphrases(Map.of("HOLDFAST_PASSPHRASE", "old"));

        assertThatThrownBy(passphrases::forNewKey).hasMessage("no passphrase: set "
                + "HOLDFAST_NEW_PASSPHRASE or HOLDFAST_NEW_PASSPHRASE_FILE, or run holdfast in a "
                + "terminal to type it");
    }

    @Test
    void newKey_readsTheNewVariables() throws Exception {
        Files.writeString(folder.resolve("new"), "fresh\n");
        Passphrases passphrases = passphrases(Map.of("HOLDFAST_PASSPHRASE", "old",
                "HOLDFAST_NEW_PASSPHRASE_FILE", "new"));

        assertThat(passphrases.current()).isEqualTo("old".toCharArray());
        assertThat(passphrases.forNewKey()).isEqualTo("fresh".toCharArray());
    }

    @Test
    void bothVariables_areRejected() {
        Passphrases passphrases = passphrases(Map.of("HOLDFAST_PASSPHRASE", "a",
                "HOLDFAST_PASSPHRASE_FILE", "b"));

        assertThatThrownBy(passphrases::current).hasMessage(
                "both HOLDFAST_PASSPHRASE and HOLDFAST_PASSPHRASE_FILE are set: unset one");
    }

    @Test
    void emptyVariable_isRejected() {
        Passphrases passphrases = passphrases(Map.of("HOLDFAST_PASSPHRASE", ""));

        assertThatThrownBy(passphrases::current).hasMessage(
                "the passphrase from HOLDFAST_PASSPHRASE is empty: set a non-empty one");
    }

    @Test
    void unreadableFile_namesTheReason() throws Exception {
        Files.createDirectory(folder.resolve("pass"));
        Passphrases passphrases = passphrases(Map.of("HOLDFAST_PASSPHRASE_FILE", "pass"));

        assertThatThrownBy(passphrases::current).hasMessage("cannot read passphrase file \""
                + folder.resolve("pass") + "\" named by HOLDFAST_PASSPHRASE_FILE: is a folder");
    }

    @Test
    void missingFile_isNamed() {
        Passphrases passphrases = passphrases(Map.of("HOLDFAST_PASSPHRASE_FILE", "absent"));

        assertThatThrownBy(passphrases::current).hasMessage("passphrase file \""
                + folder.resolve("absent") + "\" named by HOLDFAST_PASSPHRASE_FILE not found");
    }

    @Test
    void terminal_isAskedOnceToOpen() throws Exception {
        ScriptedTerminal terminal = new ScriptedTerminal("typed");

        char[] passphrase = new Passphrases(Map.of(), terminal, folder).current();

        assertThat(passphrase).isEqualTo("typed".toCharArray());
        assertThat(terminal.prompts).containsExactly("Passphrase: ");
    }

    @Test
    void terminal_isAskedTwiceForANewPassphrase() throws Exception {
        ScriptedTerminal terminal = new ScriptedTerminal("new one", "new one");

        char[] passphrase = new Passphrases(Map.of(), terminal, folder).forNewRepository();

        assertThat(passphrase).isEqualTo("new one".toCharArray());
        assertThat(terminal.prompts).hasSize(2);
    }

    @Test
    void terminal_rejectsTwoDifferentPassphrases() {
        ScriptedTerminal terminal = new ScriptedTerminal("one", "other");
        Passphrases passphrases = new Passphrases(Map.of(), terminal, folder);

        assertThatThrownBy(passphrases::forNewKey)
                .hasMessage("the two passphrases typed differ: run the command again");
    }

    @Test
    void variable_winsOverTheTerminal() throws Exception {
        ScriptedTerminal terminal = new ScriptedTerminal("typed");
        Passphrases passphrases = new Passphrases(Map.of("HOLDFAST_PASSPHRASE", "from env"),
                terminal, folder);

        assertThat(passphrases.current()).isEqualTo("from env".toCharArray());
        assertThat(terminal.prompts).isEmpty();
    }

    private Passphrases passphrases(Map<String, String> environment) {
        return new Passphrases(environment, null, folder);
    }

    /** A terminal that answers prompts with prepared lines and records the prompts. */
    static final class ScriptedTerminal implements Terminal {
        final List<String> prompts = new ArrayList<>();
        private final Deque<String> answers;

        ScriptedTerminal(String... answers) {
            this.answers = new ArrayDeque<>(List.of(answers));
        }

        @Override
        public char[] readPassword(String prompt) {
            prompts.add(prompt);
            String answer = answers.poll();
            return answer == null ? null : answer.toCharArray();
        }

        @Override
        public int columns() {
            return 80;
        }
    }
}
