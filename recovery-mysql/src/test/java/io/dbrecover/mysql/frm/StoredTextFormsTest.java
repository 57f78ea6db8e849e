package io.dbrecover.mysql.frm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Values the server stores in one form and SHOW CREATE TABLE prints in another; the forms were measured against
 * MariaDB 10.11 by FrmGeneratedCorpusIT.
 */
class StoredTextFormsTest {
    private static final FrmBytes NO_FILE = new FrmBytes(Path.of("t.frm"), new byte[0]);

    @Test
    void columns_partition_values_stored_as_introduced_hex_print_as_quoted_strings() {
        assertThat(PartitionText.readable("PARTITION BY LIST  COLUMNS(`c`)\n(PARTITION `pa` VALUES IN "
                + "(_latin1 0x61,_latin1 0x6227) ENGINE = InnoDB)"))
                .isEqualTo("PARTITION BY LIST  COLUMNS(`c`)\n(PARTITION `pa` VALUES IN ('a','b''') ENGINE = InnoDB)");
        assertThat(PartitionText.readable("VALUES IN (_utf8mb4 0xc3a4)")).isEqualTo("VALUES IN ('ä')");
    }

    @Test
    void partition_text_inside_quotes_and_unknown_charsets_stays_as_stored() {
        String stored = "(PARTITION p0 VALUES IN (1) COMMENT = 'see _latin1 0x61', PARTITION p1 VALUES IN "
                + "(_binary 0x00))";
        assertThat(PartitionText.readable(stored)).isEqualTo(stored);
    }

    @Test
    void system_time_interval_start_stored_as_epoch_seconds_prints_as_utc_timestamp() {
        assertThat(PartitionText.readable("PARTITION BY SYSTEM_TIME INTERVAL 1 MONTH STARTS 1704067200 PARTITIONS 3"))
                .isEqualTo("PARTITION BY SYSTEM_TIME INTERVAL 1 MONTH STARTS TIMESTAMP'2024-01-01 00:00:00' "
                        + "PARTITIONS 3");
    }

    @Test
    void time_based_uuid_is_stored_with_its_segments_swapped() {
        byte[] stored = HexFormat.of().parseHex("426614174000a45612d3e89b123e4567");
        assertThat(ExtendedTypes.format("uuid", stored, NO_FILE, 0))
                .isEqualTo("123e4567-e89b-12d3-a456-426614174000");
    }

    @Test
    void uuid_that_is_not_rfc_4122_time_based_is_stored_in_text_order() {
        byte[] stored = HexFormat.of().parseHex("00112233445566778899aabbccddeeff");
        assertThat(ExtendedTypes.format("uuid", stored, NO_FILE, 0))
                .isEqualTo("00112233-4455-6677-8899-aabbccddeeff");
    }

    @Test
    void float_defaults_switch_to_exponent_notation_outside_1e_minus_15_to_below_1e15() {
        assertThat(FloatFormat.format(1e-15, "1e-15", -1)).isEqualTo("0.000000000000001");
        assertThat(FloatFormat.format(1.23e-15, "1.23e-15", -1)).isEqualTo("0.00000000000000123");
        assertThat(FloatFormat.format(1e-16, "1e-16", -1)).isEqualTo("1e-16");
        assertThat(FloatFormat.format(-1e-6, "-1e-6", -1)).isEqualTo("-0.000001");
        assertThat(FloatFormat.format(99999999999999.9, "99999999999999.9", -1)).isEqualTo("99999999999999.9");
        assertThat(FloatFormat.format(1e15, "1e15", -1)).isEqualTo("1e15");
        assertThat(FloatFormat.format(1.234567890123456e15, "1.234567890123456e15", -1))
                .isEqualTo("1.234567890123456e15");
    }

    @Test
    void float_column_defaults_print_six_significant_digits() {
        float f = 123456789012345f;
        assertThat(FloatFormat.format(f, FloatFormat.floatDigits(f), -1)).isEqualTo("123457000000000");
        float small = 0.000123456789f;
        assertThat(FloatFormat.format(small, FloatFormat.floatDigits(small), -1)).isEqualTo("0.000123457");
        assertThat(FloatFormat.format(0.1f, FloatFormat.floatDigits(0.1f), -1)).isEqualTo("0.1");
    }
}
