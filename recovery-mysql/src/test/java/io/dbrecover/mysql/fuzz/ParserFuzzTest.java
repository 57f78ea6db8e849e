package io.dbrecover.mysql.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbrecover.core.api.ErrorCode;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 16's fuzz proof in the normal suite: every parser over {@value #COUNT} damaged copies of real files per
 * format ({@link ParserFuzz}). Fails on any untyped exception, any reader bug caught as INTERNAL, a typed error
 * that names no file or another offset than it carries, and any raw control byte in human output. The statements of
 * the OK results are loaded into a real MariaDB by {@code ParserFuzzIT}. {@code -Ddbrecover.fuzz.count=N} runs more
 * (or fewer) mutants; {@code -Ddbrecover.fuzz.seed=S} another seed.
 */
class ParserFuzzTest {
    static final int COUNT = 10_000;
    static final long SEED = 20261206L;

    @TempDir
    Path tmp;

    static int count() {
        return Integer.getInteger("dbrecover.fuzz.count", COUNT);
    }

    static long seed() {
        return Long.getLong("dbrecover.fuzz.seed", SEED);
    }

    @ParameterizedTest
    @EnumSource(ParserFuzz.Format.class)
    void damaged_copies_give_a_result_or_a_typed_error_and_never_raw_control_bytes(ParserFuzz.Format format) {
        ParserFuzz.Summary s = ParserFuzz.run(format, count(), seed(), tmp);
        System.out.println("fuzz " + s + " (" + ParserFuzz.seeds(format).size() + " seed files)");
        assertThat(s.violations()).as(format + " violations:\n" + String.join("\n", s.violations())).isEmpty();
        assertThat(s.mutants()).isEqualTo(count());
        if (format != ParserFuzz.Format.IBD && format != ParserFuzz.Format.SDI_FILE) {
            // damage is named with the byte offset where it was met (the page readers name the page instead)
            assertThat(s.withoutOffset()).as(format + " damage without a byte offset").isZero();
        }
        // a fuzz that never gets past the first check, or never finds damage, tests little
        assertThat(s.ok()).as(format + " mutants read").isPositive();
        if (format != ParserFuzz.Format.PAR && format != ParserFuzz.Format.DB_OPT) {
            assertThat(s.typed()).as(format + " typed errors").containsKey(ErrorCode.CORRUPT_INPUT);
        }
    }
}
