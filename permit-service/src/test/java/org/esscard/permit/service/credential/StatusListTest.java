package org.esscard.permit.service.credential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.Base64;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

import org.junit.jupiter.api.Test;

/** The status list's bits and wire form (draft-ietf-oauth-status-list §4.1). */
class StatusListTest {

    @Test
    void indexZeroIsTheLeastSignificantBitOfTheFirstByte() throws Exception {
        StatusList list = StatusList.ofSize(16);
        list.invalidate(0);
        list.invalidate(9);

        byte[] raw = inflate(Base64.getUrlDecoder().decode(list.encoded()));

        assertThat(raw).containsExactly(0b0000_0001, 0b0000_0010);
    }

    @Test
    void theDraftsExampleDecodes() {
        // draft-ietf-oauth-status-list §4.1: 16 entries, 1 bit, bytes 0xB9 0xA3: indices 0, 3, 4, 5, 7, 8, 9, 13, 15
        StatusList list = StatusList.decode("eNrbuRgAAhcBXQ");

        assertThat(list.size()).isEqualTo(16);
        for (int i = 0; i < 16; i++) {
            assertThat(list.isInvalid(i)).as("index " + i).isEqualTo(java.util.Set.of(0, 3, 4, 5, 7, 8, 9, 13, 15).contains(i));
        }
    }

    @Test
    void aMillionPermitsWithAThousandCancelledStayShort() {
        StatusList list = StatusList.ofSize(1_048_576);
        for (int i = 0; i < 1000; i++) {
            list.invalidate(i * 1031);
        }

        String encoded = list.encoded();

        assertThat(encoded.length()).isLessThan(8_000);
        StatusList back = StatusList.decode(encoded);
        assertThat(back.isInvalid(1031)).isTrue();
        assertThat(back.isInvalid(1032)).isFalse();
    }

    @Test
    void A31_aStatusListCompressionBombIsRefused() {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        deflater.setInput(new byte[StatusList.MAX_BYTES + 1]);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        String bomb = Base64.getUrlEncoder().withoutPadding().encodeToString(out.toByteArray());

        assertThatThrownBy(() -> StatusList.decode(bomb)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StatusList.decode("not zlib")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StatusList.decode("eNrbuRgAAh")).isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] inflate(byte[] zlib) throws Exception {
        Inflater inflater = new Inflater();
        inflater.setInput(zlib);
        byte[] out = new byte[64];
        int n = inflater.inflate(out);
        inflater.end();
        return java.util.Arrays.copyOf(out, n);
    }
}
