package io.dbrecover.core.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbrecover.core.RecoveryRun;
import io.dbrecover.core.api.ItemResult;
import io.dbrecover.core.api.ItemStatus;
import io.dbrecover.core.api.Outcome;
import io.dbrecover.core.api.RecoveryReport;
import io.dbrecover.core.plan.Plan;
import io.dbrecover.core.plan.Step;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableCheckTest {
    @TempDir
    Path tmp;

    @Test
    void identicalTablesAreVerifiedAndAnyDifferenceOrReadErrorIsNot() throws Exception {
        Path source = Files.createDirectories(tmp.resolve("src"));
        Files.writeString(source.resolve("t.ibd"), "x");
        RowHash want = new RowHash(3, "aa");
        Step check = new Step("check", "compare tables", sc -> {
            TableCheck.record(sc, "db.same", want, () -> new RowHash(3, "aa"), "SELECT * FROM same ORDER BY id");
            TableCheck.record(sc, "db.altered", want, () -> new RowHash(3, "bb"), "q");
            TableCheck.record(sc, "db.short", want, () -> new RowHash(2, "aa"), "q");
            TableCheck.record(sc, "db.unreadable", want, () -> {
                throw new SQLException("Tablespace is missing");
            }, "q");
        });
        RecoveryReport r = RecoveryRun.builder("test", "recover").source(source).workDir(tmp.resolve("work")).build()
                .execute(new Plan("p", "", List.of(check)));
        assertThat(r.items()).extracting(ItemResult::status).containsExactly(ItemStatus.VERIFIED,
                ItemStatus.VERIFICATION_FAILED, ItemStatus.VERIFICATION_FAILED, ItemStatus.FAILED);
        assertThat(r.items().get(3).detail()).contains("Tablespace is missing");
        assertThat(r.verifications()).hasSize(7);
        assertThat(r.outcome()).isEqualTo(Outcome.NOT_VERIFIED);
    }
}
