package io.dbrecover.mysql.sqlfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.mysql.sqlfile.SqlScript.Kind;
import io.dbrecover.mysql.sqlfile.SqlScript.Statement;
import java.io.Reader;
import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SqlScriptTest {
    private static final Path FILE = Path.of("schema.sql");

    @Test
    void semicolonsInsideQuotesAndCommentsDoNotEndAStatement() {
        List<Statement> s = read("""
                CREATE TABLE t (a VARCHAR(9) DEFAULT 'x;y', b INT COMMENT 'it''s; \\'quoted\\';') COMMENT "a;b";
                -- a comment; with a semicolon
                # another; one
                CREATE TABLE `odd;name``s` (/* c; */ a INT);
                """);

        assertThat(s).extracting(Statement::kind).containsExactly(Kind.CREATE_TABLE, Kind.CREATE_TABLE);
        assertThat(s.get(0).text()).isEqualTo("CREATE TABLE t (a VARCHAR(9) DEFAULT 'x;y', b INT COMMENT "
                + "'it''s; \\'quoted\\';') COMMENT \"a;b\"");
        assertThat(s.get(0).table()).isEqualTo("t");
        assertThat(s.get(1).text()).isEqualTo("CREATE TABLE `odd;name``s` (/* c; */ a INT)");
        assertThat(s.get(1).table()).isEqualTo("odd;name`s");
        assertThat(s.get(1).line()).isEqualTo(4);
    }

    @Test
    void namesDatabasesAndQualifiedTablesOfKeptStatements() {
        List<Statement> s = read("""
                CREATE DATABASE /*!32312 IF NOT EXISTS*/ `shop` /*!40100 DEFAULT CHARACTER SET utf8mb4 */;
                USE `shop`;
                CREATE OR REPLACE TABLE IF NOT EXISTS archive.`old orders` (id INT);
                ALTER ONLINE TABLE shop.items ADD COLUMN x INT;
                DROP TABLE IF EXISTS `gone`;
                CREATE UNIQUE INDEX ix ON items (x);
                RENAME TABLE a TO b;
                /*!40101 SET NAMES utf8mb4 */;
                """);

        assertThat(s).extracting(x -> x.kind() + " " + x.database() + " " + x.table()).containsExactly(
                "CREATE_DATABASE shop null", "USE shop null", "CREATE_TABLE archive old orders",
                "ALTER_TABLE shop items", "DROP_TABLE null gone", "CREATE_INDEX null items", "RENAME_TABLE null a",
                "SET null null");
        assertThat(s.get(7).text()).isEqualTo("/*!40101 SET NAMES utf8mb4 */");
    }

    @Test
    void skipsDataViewsTriggersAndRoutinesCountingThemByKind() {
        try (SqlScript script = script("""
                LOCK TABLES `t` WRITE;
                /*!40000 ALTER TABLE `t` DISABLE KEYS */;
                INSERT INTO `t` VALUES (1,'a;b'),(2,'CREATE TABLE x (a INT);');
                UNLOCK TABLES;
                /*!50001 CREATE VIEW `v` AS SELECT NULL AS `id` */;
                /*!50001 CREATE ALGORITHM=UNDEFINED */
                /*!50013 DEFINER=`root`@`localhost` SQL SECURITY DEFINER */
                /*!50001 VIEW `v` AS select `t`.`id` AS `id` from `t` */;
                GRANT ALL ON *.* TO x;
                CREATE TEMPORARY TABLE tmp (a INT);
                CREATE TABLE kept (a INT);
                """)) {
            List<Statement> s = all(script);

            assertThat(s).extracting(Statement::kind).containsExactly(Kind.ALTER_TABLE, Kind.CREATE_TABLE);
            assertThat(s.get(1).line()).isEqualTo(11);
            assertThat(script.skipped()).containsExactlyInAnyOrderEntriesOf(Map.of("LOCK TABLES", 2L, "INSERT", 1L,
                    "CREATE VIEW", 2L, "GRANT", 1L, "CREATE TEMPORARY TABLE", 1L));
        }
    }

    @Test
    void followsDelimiterCommandsOfTriggerAndRoutineSections() {
        try (SqlScript script = script("""
                DELIMITER ;;
                /*!50003 CREATE*/ /*!50017 DEFINER=`root`@`localhost`*/ /*!50003 trigger tr before insert on c
                for each row begin set new.id = new.id + 1; end */;;
                CREATE DEFINER=`root`@`localhost` PROCEDURE `pr`()
                begin select 1; select 2; end
                ;;
                CREATE TABLE during (a INT);;
                delimiter $$
                CREATE TABLE dollars (a INT)$$
                DELIMITER ;
                CREATE TABLE after (a INT);
                """)) {
            List<Statement> s = all(script);

            assertThat(s).extracting(Statement::table).containsExactly("during", "dollars", "after");
            assertThat(s).extracting(Statement::line).containsExactly(7L, 9L, 11L);
            assertThat(script.skipped()).containsOnlyKeys("CREATE TRIGGER", "CREATE PROCEDURE");
        }
    }

    @Test
    void countsLinesAcrossMultiLineStringsAndComments() {
        List<Statement> s = read("""
                /* a comment
                   over two lines */ CREATE TABLE a (c TEXT DEFAULT 'one
                two');


                -- comment
                CREATE TABLE b (c INT
                );""");

        assertThat(s).extracting(Statement::line).containsExactly(2L, 7L);
        assertThat(s.get(0).text()).startsWith("CREATE TABLE a");
    }

    @Test
    void keepsAStatementWithoutFinalDelimiterAtTheEnd() {
        assertThat(read("SET @a = 1--1\n;\nCREATE TABLE last (a INT)")).extracting(Statement::text)
                .containsExactly("SET @a = 1--1", "CREATE TABLE last (a INT)");
    }

    @Test
    void doesNotGlueMariaDbDumpSandboxLineToTheNextStatement() {
        List<Statement> s = read("/*M!999999\\- enable the sandbox mode */ \n-- MariaDB dump\n"
                + "/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;\n");

        assertThat(s).extracting(Statement::kind, Statement::line).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Kind.SET, 3L));
    }

    @Test
    void readsBackslashesLiterallyUnderNoBackslashEscapes() {
        try (SqlScript script = script("SET sql_mode = 'NO_BACKSLASH_ESCAPES';\n"
                + "CREATE TABLE t (a VARCHAR(3) DEFAULT 'a\\');\nCREATE TABLE u (a INT);")) {
            assertThat(script.next()).isPresent();
            script.backslashEscapes(false);

            assertThat(all(script)).extracting(Statement::table).containsExactly("t", "u");
        }
    }

    @Test
    void readsPastAHugeInsertWithoutKeepingIt() {
        long rows = 13_000_000;
        String row = "(1,'abc;d\\'ef'),";
        Reader huge = new PatternReader("INSERT INTO t VALUES ", row, rows,
                "(2,'end');\nCREATE TABLE after_data (a INT);\n");
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        try (SqlScript script = new SqlScript(huge, FILE, 1024 * 1024)) {
            List<Statement> s = all(script);

            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            assertThat(rows * row.length()).isGreaterThan(200_000_000L);
            assertThat(s).extracting(Statement::table, Statement::line).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("after_data", 2L));
            assertThat(script.skipped()).containsEntry("INSERT", 1L);
            // the statement's 208 million characters were never held: a copy alone would be 200 MB
            assertThat(allocated).isLessThan(20_000_000L);
        }
    }

    @Test
    void refusesAKeptStatementLongerThanTheBoundNamingItsLine() {
        String big = "\n\nCREATE TABLE t (a INT COMMENT '" + "x".repeat(5000) + "');";

        assertThatThrownBy(() -> new SqlScript(new StringReader(big), FILE, 4096).next())
                .isInstanceOfSatisfying(RecoveryException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_FORMAT);
                    assertThat(e.getMessage()).contains("schema.sql", "line 3", "longer than 4096");
                });
    }

    @Test
    void refusesAFileEndingInsideAStringNamingTheLineTheStringStarts() {
        try (SqlScript script = script("CREATE TABLE a (b INT);\nINSERT INTO a VALUES\n(1, 'never\nclosed);\n")) {
            assertThat(script.next()).isPresent();

            assertThatThrownBy(script::next).isInstanceOfSatisfying(RecoveryException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.CORRUPT_INPUT);
                assertThat(e.getMessage()).contains("schema.sql line 3", "ends inside a string");
                assertThat(e.path()).contains(FILE);
            });
        }
    }

    @Test
    void refusesAFileEndingInsideAComment() {
        assertThatThrownBy(() -> read("CREATE TABLE a (b INT);\n/* open")).isInstanceOfSatisfying(
                RecoveryException.class, e -> assertThat(e.getMessage()).contains("line 2", "/* comment"));
    }

    @Test
    void refusesADelimiterCommandWithoutADelimiter() {
        assertThatThrownBy(() -> read("DELIMITER  \nCREATE TABLE a (b INT);")).isInstanceOfSatisfying(
                RecoveryException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CORRUPT_INPUT);
                    assertThat(e.getMessage()).contains("line 1", "DELIMITER");
                });
    }

    private static SqlScript script(String text) {
        return new SqlScript(new StringReader(text), FILE);
    }

    private static List<Statement> read(String text) {
        try (SqlScript script = script(text)) {
            return all(script);
        }
    }

    private static List<Statement> all(SqlScript script) {
        List<Statement> out = new ArrayList<>();
        for (Optional<Statement> s = script.next(); s.isPresent(); s = script.next()) {
            out.add(s.get());
        }
        return out;
    }

    /** A head, a row repeated many times and a tail, generated as it is read. */
    private static final class PatternReader extends Reader {
        private final String head;
        private final String row;
        private final String tail;
        private long rowsLeft;
        private String current;
        private int at;
        private boolean done;

        PatternReader(String head, String row, long rows, String tail) {
            this.head = head;
            this.row = row;
            this.tail = tail;
            this.rowsLeft = rows;
            this.current = head;
        }

        @Override
        public int read(char[] cbuf, int off, int len) {
            int n = 0;
            while (n < len) {
                if (at == current.length()) {
                    if (done) {
                        break;
                    }
                    done = rowsLeft == 0;
                    current = rowsLeft-- > 0 ? row : tail;
                    at = 0;
                }
                int k = Math.min(len - n, current.length() - at);
                current.getChars(at, at + k, cbuf, off + n);
                at += k;
                n += k;
            }
            return n == 0 ? -1 : n;
        }

        @Override
        public void close() {
            // nothing held
        }

        @Override
        public String toString() {
            return "PatternReader[" + head.length() + "+" + row.length() + "*n]";
        }
    }
}
