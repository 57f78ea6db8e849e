package io.dbrecover.mysql.sqlfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.mysql.model.ForeignKey;
import io.dbrecover.mysql.server.MariaDbServerProvider;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@link DdlFile} decides without a server: unreadable files, rules, messages, notes. */
class DdlFileTest {
    @TempDir
    Path tmp;

    @Test
    void aMissingFileIsRefusedBeforeAnyServerStarts() {
        Path missing = tmp.resolve("nope.sql");

        assertThatThrownBy(() -> DdlFile.read(missing, new MariaDbServerProvider(), ServerOptions.defaults(),
                tmp.resolve("scratch"))).isInstanceOfSatisfying(RecoveryException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_NOT_FOUND);
                    assertThat(e.path()).contains(missing);
                    assertThat(e.hint()).isPresent();
                });
        assertThat(tmp.resolve("scratch")).doesNotExist();
    }

    @Test
    void aDirectoryIsNotASqlFile() {
        assertThatThrownBy(() -> DdlFile.read(tmp, new MariaDbServerProvider(), ServerOptions.defaults(),
                tmp.resolve("scratch"))).isInstanceOfSatisfying(RecoveryException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_NOT_FOUND);
                    assertThat(e.getMessage()).contains("is a directory");
                });
    }

    @Test
    void innoDbsRestrictIsTheModelsDefaultRule() {
        assertThat(DdlFile.rule("RESTRICT")).isEqualTo(ForeignKey.Rule.NO_ACTION);
        assertThat(DdlFile.rule("NO ACTION")).isEqualTo(ForeignKey.Rule.NO_ACTION);
        assertThat(DdlFile.rule("CASCADE")).isEqualTo(ForeignKey.Rule.CASCADE);
        assertThat(DdlFile.rule("SET NULL")).isEqualTo(ForeignKey.Rule.SET_NULL);
        assertThat(DdlFile.rule("SET DEFAULT")).isEqualTo(ForeignKey.Rule.SET_DEFAULT);
    }

    @Test
    void aSyntaxErrorGetsTheFileLineBesideTheStatementLine() {
        SQLException e = new SQLException("You have an error in your SQL syntax; check the manual near ''x'\n)' "
                + "at line 3", "42000", 1064);

        assertThat(DdlFile.serverMessage(e, 4)).endsWith("at line 3 (error 1064, file line 6)");
        assertThat(DdlFile.serverMessage(new SQLException("Unknown collation: 'x'", "HY000", 1273), 9))
                .isEqualTo("Unknown collation: 'x' (error 1273)");
    }

    @Test
    void notesCountSkippedDataObjectsAndTheRest() {
        Map<String, Long> skipped = new TreeMap<>(Map.of("INSERT", 1204L, "REPLACE", 1L, "CREATE VIEW", 3L,
                "CREATE TRIGGER", 2L, "LOCK TABLES", 8L));

        assertThat(DdlFile.skipNotes(skipped)).containsExactly(
                "1,205 INSERT/REPLACE statements skipped: only definitions are read from the file, the rows come "
                        + "from the table files",
                "not recreated (only tables are read): 2 CREATE TRIGGER, 3 CREATE VIEW statements",
                "also skipped: 8 LOCK TABLES statements");
        assertThat(DdlFile.skipNotes(Map.of())).isEmpty();
    }
}
