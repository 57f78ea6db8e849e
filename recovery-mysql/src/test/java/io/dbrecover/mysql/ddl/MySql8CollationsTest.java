package io.dbrecover.mysql.ddl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * MySQL 8's UCA 9.0.0 collations and the MariaDB names written for them: the same accent/case sensitivity suffix,
 * NO PAD, the language tailoring by MariaDB 11.4.5's own alias table. That every name exists in MariaDB 10.11 is
 * checked against the server by {@code Mysql8CollationsIT}.
 */
class MySql8CollationsTest {
    private static String mapped(String mysql) {
        return MySql8Collations.forMariaDb(mysql).collation();
    }

    @Test
    void the_sensitivity_suffixes_keep_their_meaning() {
        assertThat(mapped("utf8mb4_0900_ai_ci")).isEqualTo("utf8mb4_uca1400_nopad_ai_ci");
        assertThat(mapped("utf8mb4_0900_as_cs")).isEqualTo("utf8mb4_uca1400_nopad_as_cs");
        assertThat(mapped("utf8mb4_0900_as_ci")).isEqualTo("utf8mb4_uca1400_nopad_as_ci");
        assertThat(mapped("utf8mb4_0900_bin")).isEqualTo("utf8mb4_nopad_bin");
        assertThat(MySql8Collations.forMariaDb("utf8mb4_0900_ai_ci").difference()).isNull();
    }

    @Test
    void language_tailorings_map_to_mariadbs_names_for_the_same_language() {
        assertThat(mapped("utf8mb4_de_pb_0900_ai_ci")).isEqualTo("utf8mb4_uca1400_german2_nopad_ai_ci");
        assertThat(mapped("utf8mb4_es_trad_0900_as_cs")).isEqualTo("utf8mb4_uca1400_spanish2_nopad_as_cs");
        assertThat(mapped("utf8mb4_la_0900_ai_ci")).isEqualTo("utf8mb4_uca1400_roman_nopad_ai_ci");
        assertThat(mapped("utf8mb4_vi_0900_as_cs")).isEqualTo("utf8mb4_uca1400_vietnamese_nopad_as_cs");
        assertThat(MySql8Collations.forMariaDb("utf8mb4_sv_0900_ai_ci").difference()).isNull();
    }

    @Test
    void a_language_mariadb_lacks_gets_the_nearest_order_and_says_so() {
        MySql8Collations.Mapped ru = MySql8Collations.forMariaDb("utf8mb4_ru_0900_ai_ci");
        assertThat(ru.collation()).isEqualTo("utf8mb4_uca1400_nopad_ai_ci");
        assertThat(ru.difference()).contains("no ru tailoring");
        assertThat(mapped("utf8mb4_nb_0900_as_cs")).isEqualTo("utf8mb4_uca1400_danish_nopad_as_cs");
        MySql8Collations.Mapped ks = MySql8Collations.forMariaDb("utf8mb4_ja_0900_as_cs_ks");
        assertThat(ks.collation()).isEqualTo("utf8mb4_uca1400_nopad_as_cs");
        assertThat(ks.difference()).contains("kana");
        assertThat(mapped("utf8mb3_tolower_ci")).isEqualTo("utf8mb3_general_ci");
    }

    @Test
    void collations_mariadb_has_are_not_touched() {
        assertThat(MySql8Collations.forMariaDb("utf8mb4_general_ci")).isNull();
        assertThat(MySql8Collations.forMariaDb("utf8mb4_uca1400_ai_ci")).isNull();
        assertThat(MySql8Collations.forMariaDb("latin1_swedish_ci")).isNull();
    }
}
