package dev.holdfast.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class ContentIdFunctionTest {
    private static final byte[] KEY = TestBytes.sequence(0x20, 32);
    private static final byte[] DATA = "xxhello worldyy".getBytes(StandardCharsets.US_ASCII);

    @Test
    void compute_isHmacSha256OfRange() throws Exception {
        Mac reference = Mac.getInstance("HmacSHA256");
        reference.init(new SecretKeySpec(KEY, "HmacSHA256"));
        reference.update(DATA, 2, 11);
        assertThat(new ContentIdFunction(KEY).compute(DATA, 2, 11)).isEqualTo(reference.doFinal());
    }

    @Test
    void compute_repeated_sameResult() {
        ContentIdFunction ids = new ContentIdFunction(KEY);
        byte[] first = ids.compute(DATA, 0, DATA.length);
        ids.compute(DATA, 3, 4);
        assertThat(ids.compute(DATA, 0, DATA.length)).isEqualTo(first).hasSize(32);
    }

    @Test
    void compute_otherKey_otherId() {
        byte[] ours = new ContentIdFunction(KEY).compute(DATA, 0, DATA.length);
        byte[] theirs = new ContentIdFunction(TestBytes.sequence(0x21, 32))
                .compute(DATA, 0, DATA.length);
        assertThat(ours).isNotEqualTo(theirs);
    }

    @Test
    void compute_rangeOutsideArray_rejected() {
        ContentIdFunction ids = new ContentIdFunction(KEY);
        assertThatThrownBy(() -> ids.compute(DATA, 10, 10))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void compute_emptyRange_isHmacOfNothing() {
        ContentIdFunction ids = new ContentIdFunction(KEY);
        assertThat(ids.compute(DATA, 5, 0)).isEqualTo(ids.compute(new byte[0], 0, 0));
    }
}
