package io.dbrecover.mysql.frm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.mysql.ddl.DdlWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * Damaged copies of every fixture (truncated, zeroed ranges, flipped bits) either parse or fail with our typed
 * error; no other exception, no hang.
 */
class FrmRobustnessTest {
    private static final long SEED = 20240604L;

    @Test
    void damaged_files_give_a_typed_error_or_a_definition_and_nothing_else() {
        Map<ErrorCode, Integer> errors = new EnumMap<>(ErrorCode.class);
        int[] parsed = {0};
        int[] variants = {0};
        Assertions.assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            Random random = new Random(SEED);
            for (Path frm : FrmFixturesTest.frmFiles()) {
                byte[] original = Files.readAllBytes(frm);
                for (int i = 0; i < 30; i++) {
                    int length = i < 10 ? i * 7 : random.nextInt(original.length);
                    check(frm, Arrays.copyOf(original, length), errors, parsed);
                    variants[0]++;
                }
                for (int i = 0; i < 25; i++) {
                    byte[] copy = original.clone();
                    int from = random.nextInt(copy.length);
                    int to = Math.min(copy.length, from + 1 + random.nextInt(64));
                    Arrays.fill(copy, from, to, (byte) 0);
                    check(frm, copy, errors, parsed);
                    variants[0]++;
                }
                for (int i = 0; i < 50; i++) {
                    byte[] copy = original.clone();
                    int flips = 1 + random.nextInt(4);
                    for (int f = 0; f < flips; f++) {
                        int at = random.nextInt(copy.length);
                        copy[at] ^= (byte) (1 << random.nextInt(8));
                    }
                    check(frm, copy, errors, parsed);
                    variants[0]++;
                }
            }
        });
        System.out.println("frm robustness: " + variants[0] + " damaged variants, " + parsed[0] + " parsed, "
                + "typed errors " + errors);
        assertThat(variants[0]).isGreaterThan(3000);
        assertThat(errors.keySet()).containsOnly(ErrorCode.CORRUPT_INPUT, ErrorCode.UNSUPPORTED_FORMAT);
    }

    private static void check(Path frm, byte[] data, Map<ErrorCode, Integer> errors, int[] parsed) {
        String name = frm.getFileName().toString();
        try {
            var table = FrmReader.read(frm, data, name.substring(name.indexOf("__") + 2));
            assertThat(DdlWriter.write(table)).endsWith(";\n");
            assertThat(DdlWriter.write(table, io.dbrecover.mysql.ddl.Dialect.MYSQL)).endsWith(";\n");
            parsed[0]++;
        } catch (RecoveryException e) {
            errors.merge(e.code(), 1, Integer::sum);
            assertThat(e.getMessage()).contains(frm.toString());
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("at byte offset (\\d+)")
                    .matcher(e.getMessage());
            if (m.find()) {
                // the typed offset is the one the message names
                assertThat(e.offset()).hasValue(Long.parseLong(m.group(1)));
            }
        } catch (RuntimeException | Error e) {
            fail("a damaged copy of " + name + " (" + data.length + " bytes) threw " + e, e);
        }
    }
}
