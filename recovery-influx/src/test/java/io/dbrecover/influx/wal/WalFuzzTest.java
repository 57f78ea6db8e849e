package io.dbrecover.influx.wal;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbrecover.influx.model.FieldType;
import io.dbrecover.testkit.Mutator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Thousands of damaged copies of a WAL segment (seeded, so a failure reproduces): the reader never throws, never
 * allocates beyond the file's bounds, reports at most one damage per segment with an offset inside the file, and
 * delivers only whole entries (each key's values as many as its count says).
 */
class WalFuzzTest {
    private static final int ROUNDS = 3000;

    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void damagedSegmentsGiveFindingsNeverExceptions() throws IOException {
        byte[] original = new WalBytes()
                .key(1, "cpu,host=a#!~#f", 3).value(1, 10).value(2, 20).value(3, 30)
                .key(3, "cpu,host=a#!~#b", 2).bool(1, true).bool(2, false)
                .key(4, "cpu,host=a#!~#s", 2).string(1, "abc").string(2, "x\"y\\z")
                .key(5, "cpu,host=a#!~#u", 1).value(1, -1).endWrite()
                .delete(List.of("cpu,host=a#!~#f", "cpu,host=b#!~#f"))
                .deleteRange(5, 9, List.of("cpu,host=a#!~#s"))
                .key(2, "mem#!~#i", 2).value(7, 70).value(8, 80).endWrite().bytes();
        List<Mutator.Field> fields = new ArrayList<>();
        fields.add(new Mutator.Field(1, 4, true, "first entry length"));
        Mutator mutator = new Mutator(0x5EED_1F1DL);
        Path p = dir.resolve("_00001.wal");
        WalSegmentReader reader = new WalSegmentReader();
        for (int round = 0; round < ROUNDS; round++) {
            Mutator.Mutant m = mutator.next(original, new Mutator.Layout(fields, List.of()));
            Files.write(p, m.data());
            long[] delivered = {0};
            WalSegmentResult r = reader.read(p, new WalVisitor() {
                @Override
                public void write(String key, FieldType type, int count, long[] times, long[] values,
                                  byte[][] strings) {
                    assertThat(count).as(m.description()).isPositive().isLessThanOrEqualTo(m.data().length);
                    delivered[0] += count;
                }

                @Override
                public void delete(List<String> keys) {
                }

                @Override
                public void deleteRange(List<String> keys, long min, long max) {
                }
            });
            assertThat(r.damage()).as(m.description()).hasSizeLessThanOrEqualTo(1);
            assertThat(r.validBytes()).as(m.description()).isBetween(0L, (long) m.data().length);
            r.damage().forEach(d -> assertThat(d.offset()).as(m.description()).isBetween(0L, (long) m.data().length));
            if (r.whole()) {
                assertThat(r.validBytes()).as(m.description()).isEqualTo(m.data().length);
            }
        }
    }
}
