package io.dbrecover.mysql.sdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.mysql.ddl.DdlWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged copies of MySQL 8's {@code t2.ibd} (made at test time in a temp dir, never kept): truncations, zeroed
 * ranges and bit flips in the SDI page and page 0 either still read or fail with our typed error, nothing else.
 */
class SdiRobustnessTest {
    private static final Path T2 = Path.of("/usr/share/mysql/mysql-test/std_data/mysql80/t2.ibd");
    private static final long SEED = 20261124L;

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a reader that loops would hang the suite
    void damaged_tablespaces_give_a_typed_error_or_a_definition_and_nothing_else(@TempDir Path tmp) throws Exception {
        if (!Boolean.getBoolean("dbrecover.requireBinaries")) {
            assumeThat(Files.isRegularFile(T2)).as("package mariadb-test-data installed").isTrue();
        }
        Map<ErrorCode, Integer> errors = new EnumMap<>(ErrorCode.class);
        int[] counts = new int[2];
        byte[] original = Files.readAllBytes(T2);
        Random random = new Random(SEED);
        Path copy = tmp.resolve("t2.ibd");
        // truncations: inside page 0, at the SDI area, inside the SDI page, at page boundaries
        int[] cuts = {0, 10, 57, 100, 10505, 10512, 16384, 16384 * 3, 16384 * 3 + 500, 16384 * 4 - 1};
        for (int cut : cuts) {
            check(copy, Arrays.copyOf(original, cut), errors, counts);
        }
        for (int i = 0; i < 40; i++) {
            check(copy, Arrays.copyOf(original, random.nextInt(original.length)), errors, counts);
        }
        // page 0 header and SDI pointer, then the SDI page (records and zlib data)
        int[][] regions = {{0, 160}, {10490, 10520}, {16384 * 3, 16384 * 3 + 1400}};
        for (int[] r : regions) {
            for (int i = 0; i < 150; i++) {
                byte[] damaged = original.clone();
                int flips = 1 + random.nextInt(3);
                for (int f = 0; f < flips; f++) {
                    int at = r[0] + random.nextInt(r[1] - r[0]);
                    damaged[at] ^= (byte) (1 << random.nextInt(8));
                }
                check(copy, damaged, errors, counts);
            }
            for (int i = 0; i < 30; i++) {
                byte[] damaged = original.clone();
                int from = r[0] + random.nextInt(r[1] - r[0]);
                Arrays.fill(damaged, from, Math.min(r[1], from + 1 + random.nextInt(32)), (byte) 0);
                check(copy, damaged, errors, counts);
            }
        }
        System.out.println("sdi robustness: " + (counts[0] + counts[1]) + " damaged variants, " + counts[0]
                + " read, errors " + errors);
        assertThat(errors).containsKeys(ErrorCode.CORRUPT_INPUT);
        assertThat(errors.keySet()).isSubsetOf(ErrorCode.CORRUPT_INPUT, ErrorCode.UNSUPPORTED_FORMAT);
    }

    private static void check(Path copy, byte[] bytes, Map<ErrorCode, Integer> errors, int[] counts)
            throws Exception {
        Files.write(copy, bytes);
        try {
            SdiTables.tables(copy, SdiReader.read(copy)).forEach(DdlWriter::write);
            counts[0]++;
        } catch (RecoveryException e) {
            errors.merge(e.code(), 1, Integer::sum);
            assertThat(e.getMessage()).contains(copy.toString());
            counts[1]++;
        } catch (RuntimeException e) {
            fail("untyped failure " + e + " on a damaged copy", e);
        }
    }
}
