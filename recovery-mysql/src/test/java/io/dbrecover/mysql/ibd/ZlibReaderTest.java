package io.dbrecover.mysql.ibd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.Arrays;
import java.util.Random;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

/**
 * The DEFLATE reader against the JDK's zlib encoder: stored, fixed and dynamic blocks, a full flush after a first
 * part (as InnoDB ends a compressed page's field description), trailing bytes after the stream (as the
 * modification log follows it), and damaged streams that must end in {@link ZlibReader.Damaged} only.
 */
class ZlibReaderTest {
    private static final long SEED = 20261124L;

    @Test
    void inflates_what_zlib_deflates_and_tells_where_the_first_block_and_the_stream_end() throws Exception {
        Random random = new Random(SEED);
        for (int level : new int[] {0, 1, 6, 9}) {
            for (int round = 0; round < 40; round++) {
                byte[] head = sample(random, 1 + random.nextInt(60));
                byte[] body = sample(random, random.nextInt(16000));
                byte[] stream = deflate(level, head, body);
                byte[] withLog = Arrays.copyOf(stream, stream.length + 50);
                withLog[stream.length] = 5;
                ZlibReader.Result r = ZlibReader.inflate(withLog, 0, withLog.length, 20000);
                assertThat(r.length()).isEqualTo(head.length + body.length);
                assertThat(Arrays.copyOf(r.data(), head.length)).isEqualTo(head);
                assertThat(Arrays.copyOfRange(r.data(), head.length, r.length())).isEqualTo(body);
                assertThat(r.firstBlockEnd()).as("level %d", level).isEqualTo(head.length);
                assertThat(r.inputEnd()).isEqualTo(stream.length);
            }
        }
    }

    @Test
    void damaged_or_cut_streams_end_in_damaged_and_nothing_else() throws Exception {
        Random random = new Random(SEED + 1);
        byte[] stream = deflate(6, sample(random, 40), sample(random, 12000));
        int damagedCount = 0;
        for (int i = 0; i < 3000; i++) {
            byte[] copy = stream.clone();
            int flips = 1 + random.nextInt(3);
            for (int f = 0; f < flips; f++) {
                copy[random.nextInt(copy.length)] ^= (byte) (1 << random.nextInt(8));
            }
            int end = random.nextInt(4) == 0 ? random.nextInt(copy.length + 1) : copy.length;
            try {
                ZlibReader.inflate(copy, 0, end, 20000);
            } catch (ZlibReader.Damaged e) {
                damagedCount++;
            } catch (RuntimeException e) {
                fail("variant " + i + ": " + e);
            }
        }
        assertThat(damagedCount).isGreaterThan(2500);
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> ZlibReader.inflate(stream, 0,
                stream.length, 100))).isInstanceOf(ZlibReader.Damaged.class).hasMessageContaining("past 100 bytes");
    }

    /** Text-like bytes with repeats, so that every block type and long matches occur. */
    private static byte[] sample(Random random, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = i > 40 && random.nextInt(3) == 0 ? b[i - 1 - random.nextInt(40)]
                    : (byte) (random.nextInt(4) == 0 ? random.nextInt(256) : 'a' + random.nextInt(6));
        }
        return b;
    }

    private static byte[] deflate(int level, byte[] head, byte[] body) {
        Deflater deflater = new Deflater(level);
        byte[] out = new byte[head.length + body.length + 1024];
        int n = 0;
        deflater.setInput(head);
        n += deflater.deflate(out, n, out.length - n, Deflater.FULL_FLUSH);
        deflater.setInput(body);
        deflater.finish();
        while (!deflater.finished()) {
            n += deflater.deflate(out, n, out.length - n);
        }
        deflater.end();
        return Arrays.copyOf(out, n);
    }
}
