package dev.holdfast.repository.check;

import dev.holdfast.crypto.ContentIdFunction;
import dev.holdfast.crypto.Keyring;
import dev.holdfast.crypto.Opener;
import dev.holdfast.crypto.Sealer;
import dev.holdfast.repository.pack.PackReader;
import dev.holdfast.repository.pack.PackReader.PackFormatException;
import dev.holdfast.repository.pack.PackedBlob;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Authenticates a whole pack: its header, and every blob it lists, whose plaintext must have
 * the blob's content ID.
 */
public final class PackVerifier {
    private final Keyring keyring;

    public PackVerifier(Keyring keyring) {
        this.keyring = keyring;
    }

    /**
     * Checks {@code pack} and passes each problem to {@code problems}.
     *
     * @param opened receives each blob that opened and authenticated
     */
    public void verify(byte[] pack, Consumer<PackedBlob> opened, Consumer<String> problems) {
        List<PackedBlob> blobs;
        Opener opener;
        try {
            blobs = PackReader.readHeader(keyring, pack);
            opener = PackReader.opener(keyring, Arrays.copyOf(pack, Sealer.headerLength()));
        } catch (PackFormatException e) {
            problems.accept(e.getMessage());
            return;
        }
        ContentIdFunction ids = keyring.contentIds();
        for (PackedBlob blob : blobs) {
            try {
                byte[] plain = PackReader.openBlob(opener, blob, pack, blob.offset());
                opened.accept(blob);
                if (!MessageDigest.isEqual(ids.compute(plain, 0, plain.length),
                        blob.id().toBytes())) {
                    problems.accept("blob " + blob.id().hex()
                            + " decrypts to content with another ID");
                }
            } catch (PackFormatException e) {
                problems.accept(e.getMessage());
            }
        }
    }

    /** Returns the problems of {@code pack} joined into one reason, or null when it is sound. */
    public String problem(byte[] pack) {
        List<String> problems = new ArrayList<>();
        verify(pack, blob -> { }, problems::add);
        return problems.isEmpty() ? null : String.join("; ", problems);
    }
}
