package io.dbrecover.mysql.ddl;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbrecover.mysql.MySqlDdl;
import io.dbrecover.mysql.model.Column;
import io.dbrecover.mysql.model.TableDefinition;
import io.dbrecover.mysql.scan.Scan;
import io.dbrecover.mysql.sdi.SdiReader;
import io.dbrecover.mysql.sdi.SdiTables;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The MySQL 8.0 dialect of the five tablespaces shipped from innodb-java-reader (test resources
 * {@code sdi/innodb-java-reader-mysql80}, Apache-2.0; written by MySQL 8.0.18, says each SDI). That project states
 * what the tables are: the CREATE TABLE of {@code testsuite/mysql56/…/tbNN.sql}, which its MySQL 8.0 tests read
 * through {@code SqlFileTableDefProvider} or repeat ({@code SimpleTableReaderTest.createSql}), and the column
 * lists of {@code ColumnTimeTableReaderTest}, {@code ColumnBinaryTableReaderTest} and
 * {@code ColumnCharSpecifyColumnCharsetTableReaderTest}. Each expected statement below is that CREATE TABLE as
 * MySQL 8.0 (8.0.30 and later) prints it, by the rules of docs/formats/frm.md §22: no integer display width, every
 * literal default quoted, DEFAULT NULL on other nullable columns, a column that named its character set printed
 * with CHARACTER SET and COLLATE, {@code utf8} spelled {@code utf8mb3}, COLLATE= on a table only for a
 * non-default collation or {@code utf8mb4_0900_ai_ci}. What MySQL 8 prints and a file cannot give, the
 * {@code AUTO_INCREMENT=n} of tb03 and tb26, is not expected.
 */
class MySql8FixturesDialectTest {
    private static final Path DIR = Path.of("src/test/resources/sdi/innodb-java-reader-mysql80");

    private static TableDefinition table(String name) {
        Path file = DIR.resolve(name + ".ibd");
        List<TableDefinition> tables = SdiTables.tables(file, SdiReader.read(file));
        assertThat(tables).hasSize(1);
        return tables.get(0);
    }

    private static String mysql80(String name) {
        return DdlWriter.createTable(table(name), Dialect.MYSQL_8_0);
    }

    @Test
    void tb01_is_its_create_sql() {
        // CREATE TABLE `tb01` (`id` int(11) NOT NULL, `a` bigint(20) NOT NULL, `b` varchar(64) NOT NULL,
        // `c` varchar(1024) default 'THIS_IS_DEFAULT_VALUE', PRIMARY KEY (`id`)) ENGINE=InnoDB;
        // the server's defaults then: utf8mb4 / utf8mb4_0900_ai_ci
        assertThat(mysql80("tb01")).isEqualTo("CREATE TABLE `tb01` (\n"
                + "  `id` int NOT NULL,\n"
                + "  `a` bigint NOT NULL,\n"
                + "  `b` varchar(64) NOT NULL,\n"
                + "  `c` varchar(1024) DEFAULT 'THIS_IS_DEFAULT_VALUE',\n"
                + "  PRIMARY KEY (`id`)\n"
                + ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci");
    }

    @Test
    void tb03_has_its_temporal_columns() {
        // tb03.sql: `id` int(11) NOT NULL AUTO_INCREMENT, `a` int(11) NOT NULL, `b` datetime NOT NULL,
        // `c` timestamp NOT NULL, `d` time NOT NULL, PRIMARY KEY (`id`); 8.0 gives a TIMESTAMP no implicit default
        // (explicit_defaults_for_timestamp is on)
        assertThat(mysql80("tb03")).isEqualTo("CREATE TABLE `tb03` (\n"
                + "  `id` int NOT NULL AUTO_INCREMENT,\n"
                + "  `a` int NOT NULL,\n"
                + "  `b` datetime NOT NULL,\n"
                + "  `c` timestamp NOT NULL,\n"
                + "  `d` time NOT NULL,\n"
                + "  PRIMARY KEY (`id`)\n"
                + ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci");
    }

    @Test
    void tb07_has_its_binary_columns() {
        // ColumnBinaryTableReaderTest: id int(11) NOT NULL primary key, a varbinary(32), b varbinary(255),
        // c varbinary(512), d binary(32), e binary(255), all NOT NULL
        assertThat(mysql80("tb07")).isEqualTo("CREATE TABLE `tb07` (\n"
                + "  `id` int NOT NULL,\n"
                + "  `a` varbinary(32) NOT NULL,\n"
                + "  `b` varbinary(255) NOT NULL,\n"
                + "  `c` varbinary(512) NOT NULL,\n"
                + "  `d` binary(32) NOT NULL,\n"
                + "  `e` binary(255) NOT NULL,\n"
                + "  PRIMARY KEY (`id`)\n"
                + ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci");
    }

    @Test
    void tb20_names_each_columns_character_set_and_collation() {
        // tb20.sql: a varchar(64) CHARACTER SET utf8 COLLATE utf8_bin NOT NULL, b varchar(1024) CHARACTER SET utf8
        // COLLATE utf8_general_ci NOT NULL, c/d CHARACTER SET gbk COLLATE gbk_bin default '', e varchar(512)
        // CHARACTER SET ujis NOT NULL, f varchar(1024) CHARACTER SET ujis; DEFAULT CHARSET=latin1.
        // ColumnCharSpecifyColumnCharsetTableReaderTest states the same character sets (its nullability flags for
        // a, c, d, e differ from its own .sql; the file's dictionary agrees with the .sql, and so do we).
        // e names only its character set: 8.0 records that as an explicit collation and prints both.
        TableDefinition t = table("tb20");
        assertThat(t.columns()).filteredOn(Column::explicitCollation).extracting(Column::name)
                .containsExactly("a", "b", "c", "d", "e", "f");
        assertThat(DdlWriter.createTable(t, Dialect.MYSQL_8_0)).isEqualTo("CREATE TABLE `tb20` (\n"
                + "  `id` int NOT NULL,\n"
                + "  `a` varchar(64) CHARACTER SET utf8mb3 COLLATE utf8mb3_bin NOT NULL,\n"
                + "  `b` varchar(1024) CHARACTER SET utf8mb3 COLLATE utf8mb3_general_ci NOT NULL,\n"
                + "  `c` varchar(256) CHARACTER SET gbk COLLATE gbk_bin DEFAULT '',\n"
                + "  `d` varchar(1024) CHARACTER SET gbk COLLATE gbk_bin DEFAULT '',\n"
                + "  `e` varchar(512) CHARACTER SET ujis COLLATE ujis_japanese_ci NOT NULL,\n"
                + "  `f` varchar(1024) CHARACTER SET ujis COLLATE ujis_japanese_ci DEFAULT NULL,\n"
                + "  PRIMARY KEY (`id`)\n"
                + ") ENGINE=InnoDB DEFAULT CHARSET=latin1");
        // 5.7 prints the same table by its own rule: CHARACTER SET where the collation differs from the table's,
        // COLLATE only for a non-default collation
        assertThat(DdlWriter.createTable(t, Dialect.MYSQL_5_7)).contains(
                "  `b` varchar(1024) CHARACTER SET utf8 NOT NULL,\n",
                "  `e` varchar(512) CHARACTER SET ujis NOT NULL,\n");
    }

    @Test
    void tb26_keeps_its_set_values_and_spells_utf8_as_utf8mb3() {
        // tb26.sql: id int(11) NOT NULL AUTO_INCREMENT, a SET('music','movie','swimming','足球') NOT NULL,
        // b set('a',…,'z') NOT NULL, c set('1',…,'64') NOT NULL, PRIMARY KEY (id), DEFAULT CHARSET=utf8
        StringBuilder letters = new StringBuilder();
        for (char ch = 'a'; ch <= 'z'; ch++) {
            letters.append(letters.length() > 0 ? "," : "").append('\'').append(ch).append('\'');
        }
        StringBuilder numbers = new StringBuilder();
        for (int n = 1; n <= 64; n++) {
            numbers.append(n > 1 ? "," : "").append('\'').append(n).append('\'');
        }
        assertThat(mysql80("tb26")).isEqualTo("CREATE TABLE `tb26` (\n"
                + "  `id` int NOT NULL AUTO_INCREMENT,\n"
                + "  `a` set('music','movie','swimming','足球') NOT NULL,\n"
                + "  `b` set(" + letters + ") NOT NULL,\n"
                + "  `c` set(" + numbers + ") NOT NULL,\n"
                + "  PRIMARY KEY (`id`)\n"
                + ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb3");
    }

    @Test
    void the_mysql_dialect_picks_8_0_for_files_mysql_8_0_18_wrote() {
        Scan scan = MySqlDdl.scan(List.of(DIR), Dialect.MYSQL);
        assertThat(scan.items()).hasSize(5).allSatisfy(i -> {
            assertThat(i.status()).isEqualTo(Scan.Status.OK);
            assertThat(i.ddl()).contains("written as MySQL 8.0 prints it (the file was written by MySQL 8.0.18)");
            assertThat(i.statements()).singleElement().isEqualTo(DdlWriter.createTable(i.table(), Dialect.MYSQL_8_0));
        });
        assertThat(MySqlDdl.script(scan)).startsWith("-- dbrecover mysql ddl (dialect mysql): 5 of 5 definition files "
                + "read\n-- MySQL dialect of the MySQL release that wrote each file");
    }
}
