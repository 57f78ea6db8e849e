package io.dbrecover.mysql.sdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.mysql.MySqlDdl;
import io.dbrecover.mysql.ddl.DdlWriter;
import io.dbrecover.mysql.ddl.Dialect;
import io.dbrecover.mysql.model.ColumnType;
import io.dbrecover.mysql.model.IndexKind;
import io.dbrecover.mysql.model.TableDefinition;
import io.dbrecover.mysql.scan.Scan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The two MySQL 8 tablespaces of Debian's {@code mariadb-test-data}, read in place (GPL data, never copied into
 * the repository). mtr's {@code innodb-wl5522-1.test} says what they are: {@code t2.ibd} was written by MySQL
 * 8.0.31 for {@code CREATE TABLE t1 (i INT PRIMARY KEY)} (the test imports it as t2 and expects the server to
 * refuse); {@code t1.ibd} is page 0 alone (16 KiB), whose SDI root page 3 is not in the file.
 */
class SdiCorpusIT {
    static final Path DIR = Path.of("/usr/share/mysql/mysql-test/std_data/mysql80");

    @BeforeAll
    static void corpus() {
        if (!Boolean.getBoolean("dbrecover.requireBinaries")) {
            assumeThat(Files.isDirectory(DIR)).as("package mariadb-test-data installed").isTrue();
        }
        assertThat(DIR.resolve("t2.ibd")).as("package mariadb-test-data installed").isRegularFile();
        assertThat(DIR.resolve("t1.ibd")).as("package mariadb-test-data installed").isRegularFile();
    }

    @Test
    void t2_holds_the_table_and_the_tablespace_documents() {
        List<SdiReader.Document> docs = SdiReader.read(DIR.resolve("t2.ibd"));
        assertThat(docs).extracting(SdiReader.Document::type).containsExactly(1L, 2L);
        assertThat(docs.get(0).json()).startsWith("{\"mysqld_version_id\":80031").contains("\"dd_object_type\":"
                + "\"Table\"");
        assertThat(docs.get(1).json()).contains("\"dd_object_type\":\"Tablespace\"", "\"name\":\"test/t1\"");
    }

    @Test
    void t2_gives_the_table_its_test_created() {
        List<TableDefinition> tables = SdiTables.tables(DIR.resolve("t2.ibd"), SdiReader.read(DIR.resolve("t2.ibd")));
        assertThat(tables).hasSize(1);
        TableDefinition t = tables.get(0);
        String ddl = DdlWriter.write(t);
        System.out.println(ddl);
        assertThat(t.name()).isEqualTo("t1");
        // DB_TRX_ID and DB_ROLL_PTR are hidden by the engine and not declared
        assertThat(t.columns()).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("i");
            assertThat(c.type().type()).isEqualTo(ColumnType.INT);
            assertThat(c.nullable()).isFalse();
        });
        assertThat(t.indexes()).singleElement().satisfies(i -> {
            assertThat(i.kind()).isEqualTo(IndexKind.PRIMARY);
            assertThat(i.parts()).extracting(p -> p.column()).containsExactly("i");
        });
        assertThat(t.foreignKeys()).isEmpty();
        assertThat(t.options().engine()).isEqualTo("InnoDB");
        assertThat(t.options().charset().collation()).isEqualTo("utf8mb4_0900_ai_ci");
        // MariaDB has no utf8mb4_0900_ai_ci: its dialect writes MariaDB's equivalent, the MySQL one keeps it
        assertThat(DdlWriter.createTable(t)).isEqualTo("CREATE TABLE `t1` (\n"
                + "  `i` int NOT NULL,\n"
                + "  PRIMARY KEY (`i`)\n"
                + ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_uca1400_nopad_ai_ci");
        assertThat(ddl).contains("-- t1: table: MySQL 8 collation utf8mb4_0900_ai_ci written as "
                + "utf8mb4_uca1400_nopad_ai_ci, MariaDB's equivalent\n");
        assertThat(DdlWriter.createTable(t, Dialect.MYSQL)).endsWith(
                ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci");
    }

    @Test
    void t1_is_page_zero_alone_and_gives_a_typed_error() {
        assertThatThrownBy(() -> SdiReader.read(DIR.resolve("t1.ibd")))
                .isInstanceOfSatisfying(RecoveryException.class, e -> {
                    System.out.println(e.getMessage());
                    assertThat(e.code()).isEqualTo(ErrorCode.CORRUPT_INPUT);
                    assertThat(e.getMessage()).contains("byte offset 10509", "SDI root page 3");
                });
    }

    @Test
    void the_ddl_scan_turns_a_lone_mysql8_tablespace_into_create_table() {
        Scan scan = MySqlDdl.scan(List.of(DIR), Dialect.MYSQL);
        String script = MySqlDdl.script(scan);
        System.out.println(script);
        assertThat(scan.items()).hasSize(2);
        assertThat(scan.items().get(1).status()).isEqualTo(Scan.Status.OK);
        assertThat(scan.items().get(1).statements()).singleElement().asString().startsWith("CREATE TABLE `t1`");
        assertThat(scan.items().get(0).status()).isEqualTo(Scan.Status.FAILED);
        assertThat(scan.items().get(0).offset()).isEqualTo(10509L);
        assertThat(script).contains("CREATE TABLE `t1` (\n  `i` int NOT NULL,\n  PRIMARY KEY (`i`)\n)");
    }
}
