package dev.holdfast.orchestrator.cli;

import dev.holdfast.storage.filesystem.IoFailures;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * Finds passphrases: in an environment variable, in a file that a variable names, or typed at
 * a terminal prompt without echo. A passphrase is never a command-line argument, because
 * arguments are visible to every user of the machine. Callers wipe the returned arrays.
 */
final class Passphrases {
    static final String PASSPHRASE = "HOLDFAST_PASSPHRASE";
    static final String PASSPHRASE_FILE = "HOLDFAST_PASSPHRASE_FILE";
    static final String NEW_PASSPHRASE = "HOLDFAST_NEW_PASSPHRASE";
    static final String NEW_PASSPHRASE_FILE = "HOLDFAST_NEW_PASSPHRASE_FILE";
    static final String CA_PASSPHRASE = "HOLDFAST_CA_PASSPHRASE";
    static final String CA_PASSPHRASE_FILE = "HOLDFAST_CA_PASSPHRASE_FILE";

    private final Map<String, String> environment;
    private final Terminal terminal;
    private final Path workingDirectory;

    Passphrases(Map<String, String> environment, Terminal terminal, Path workingDirectory) {
        this.environment = environment;
        this.terminal = terminal;
        this.workingDirectory = workingDirectory;
    }

    /** Returns the passphrase that opens the repository. */
    char[] current() throws CliException {
        return read(PASSPHRASE, PASSPHRASE_FILE, "Passphrase: ", false);
    }

    /** Returns the passphrase of a new repository, typed twice at a prompt. */
    char[] forNewRepository() throws CliException {
        return read(PASSPHRASE, PASSPHRASE_FILE, "Passphrase for the new repository: ", true);
    }

    /** Returns the passphrase of a new key slot, typed twice at a prompt. */
    char[] forNewKey() throws CliException {
        return read(NEW_PASSPHRASE, NEW_PASSPHRASE_FILE, "New passphrase: ", true);
    }

    /**
     * Returns the passphrase of the certificate authority's key, or null when neither
     * {@value #CA_PASSPHRASE} nor {@value #CA_PASSPHRASE_FILE} is set. There is no prompt, so
     * that whether a new CA key is encrypted never depends on having a terminal.
     */
    char[] forCaKey() throws CliException {
        if (environment.get(CA_PASSPHRASE) == null
                && environment.get(CA_PASSPHRASE_FILE) == null) {
            return null;
        }
        return read(CA_PASSPHRASE, CA_PASSPHRASE_FILE, "", false);
    }

    private char[] read(String variable, String fileVariable, String prompt, boolean confirm)
            throws CliException {
        String value = environment.get(variable);
        String file = environment.get(fileVariable);
        if (value != null && file != null) {
            throw usage("both " + variable + " and " + fileVariable + " are set: unset one");
        }
        char[] passphrase;
        String source;
        if (value != null) {
            passphrase = value.toCharArray();
            source = variable;
        } else if (file != null) {
            passphrase = fromFile(fileVariable, workingDirectory.resolve(file));
            source = "the file named by " + fileVariable;
        } else {
            passphrase = fromPrompt(variable, fileVariable, prompt, confirm);
            source = "the prompt";
        }
        if (passphrase.length == 0) {
            throw usage("the passphrase from " + source + " is empty: set a non-empty one");
        }
        return passphrase;
    }

    /** Reads the first line of the file, without its line ending. */
    private static char[] fromFile(String variable, Path file) throws CliException {
        byte[] bytes = null;
        CharBuffer chars = null;
        try {
            bytes = Files.readAllBytes(file);
            chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return firstLine(chars);
        } catch (NoSuchFileException e) {
            throw usage("passphrase file \"" + file + "\" named by " + variable + " not found");
        } catch (CharacterCodingException e) {
            throw usage("passphrase file \"" + file + "\" named by " + variable
                    + " is not valid UTF-8");
        } catch (IOException e) {
            throw usage("cannot read passphrase file \"" + file + "\" named by " + variable
                    + ": " + IoFailures.reason(e));
        } finally {
            wipe(bytes, chars);
        }
    }

    private static char[] firstLine(CharBuffer chars) {
        int end = 0;
        while (end < chars.limit() && chars.get(end) != '\n') {
            end++;
        }
        if (end > 0 && chars.get(end - 1) == '\r') {
            end--;
        }
        char[] line = new char[end];
        chars.get(0, line, 0, end);
        return line;
    }

    private char[] fromPrompt(String variable, String fileVariable, String prompt,
            boolean confirm) throws CliException {
        if (terminal == null) {
            throw usage("no passphrase: set " + variable + " or " + fileVariable
                    + ", or run holdfast in a terminal to type it");
        }
        char[] first = terminal.readPassword(prompt);
        if (first == null) {
            throw usage("no passphrase typed at the prompt");
        }
        if (confirm) {
            char[] second = terminal.readPassword("Type it again: ");
            boolean same = second != null && Arrays.equals(first, second);
            wipe(second);
            if (!same) {
                wipe(first);
                throw usage("the two passphrases typed differ: run the command again");
            }
        }
        return first;
    }

    static void wipe(char[] secret) {
        if (secret != null) {
            Arrays.fill(secret, '\0');
        }
    }

    private static void wipe(byte[] bytes, CharBuffer chars) {
        if (bytes != null) {
            Arrays.fill(bytes, (byte) 0);
        }
        if (chars != null && chars.hasArray()) {
            wipe(chars.array());
        }
    }

    private static CliException usage(String message) {
        return new CliException(ExitCodes.USAGE, message);
    }
}
