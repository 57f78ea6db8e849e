package io.dbrecover.influx.wal;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbrecover.influx.model.FieldType;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ValuesTest {
    @Test
    void sortsByTimeAndKeepsTheLastWriteOfEachTimestamp() {
        SplittableRandom random = new SplittableRandom(7);
        Values v = new Values(FieldType.INTEGER, 4);
        TreeMap<Long, Long> expected = new TreeMap<>();
        for (long i = 0; i < 100_000; i++) {
            long t = random.nextLong(-5_000, 5_000);
            v.add(t, i, null);
            expected.put(t, i);
        }

        v.sortAndDeduplicate();

        assertThat(v.size()).isEqualTo(expected.size());
        int k = 0;
        for (var e : expected.entrySet()) {
            assertThat(v.time(k)).isEqualTo(e.getKey());
            assertThat(v.bits(k)).isEqualTo(e.getValue());
            k++;
        }
    }

    @Test
    void removesARangeOfStrings() {
        Values v = new Values(FieldType.STRING, 1);
        for (int t = 0; t < 10; t++) {
            v.add(t, 0, new byte[] {(byte) t});
        }

        assertThat(v.removeRange(3, 6)).isEqualTo(4);

        assertThat(v.size()).isEqualTo(6);
        assertThat(v.time(3)).isEqualTo(7);
        assertThat(v.string(3)).containsExactly(7);
    }
}
