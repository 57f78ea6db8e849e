package io.dbrecover.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IntoServerTest {
    @TempDir
    Path tmp;

    @Test
    void aUrlGivesHostPortAndUserAndKeepsThePasswordOutOfSight() {
        IntoServer s = IntoServer.of("jdbc:mariadb://127.0.0.1:3307/?user=admin", null, "s3cret", Set.of("shop"));
        assertThat(s.endpoint().host()).isEqualTo("127.0.0.1");
        assertThat(s.endpoint().port()).isEqualTo(3307);
        assertThat(s.endpoint().user()).isEqualTo("admin");
        assertThat(s.endpoint().url()).isEqualTo("jdbc:mysql://127.0.0.1:3307/");
        assertThat(s.toString()).doesNotContain("s3cret");
        assertThat(s.allows("shop")).isTrue();
        assertThat(s.allows("other")).isFalse();
        assertThat(IntoServer.of("jdbc:mysql://localhost/?user=root", null, null, Set.of("a")).endpoint().port())
                .isEqualTo(3306);
    }

    @Test
    void refusesAPasswordInTheUrlWithoutRepeatingIt() {
        assertThatThrownBy(() -> IntoServer.of("jdbc:mariadb://127.0.0.1:3306/?user=root&password=hunter2", null,
                null, Set.of("shop"))).isInstanceOf(RecoveryException.class)
                .hasMessageContaining("must not hold a password").hasMessageNotContaining("hunter2")
                .satisfies(e -> assertThat(((RecoveryException) e).code()).isEqualTo(ErrorCode.USAGE));
    }

    @Test
    void refusesAPasswordBeforeTheHostOrInAFragmentAndNeverShowsTheRawUrl() {
        assertThatThrownBy(() -> IntoServer.of("jdbc:mariadb://root:hunter2@127.0.0.1:3306/?user=root", null, null,
                Set.of("shop"))).hasMessageContaining("must not hold a password").hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> IntoServer.of("jdbc:mariadb://127.0.0.1:3306/?user=root#hunter2", null, null,
                Set.of("shop"))).hasMessageContaining("must not hold a password").hasMessageNotContaining("hunter2");
        assertThat(IntoServer.of("jdbc:MySQL://127.0.0.1/?user=admin", null, "pw", Set.of("a")).url())
                .isEqualTo("jdbc:mariadb://127.0.0.1:3306/?user=admin");
    }

    @Test
    void dumpAndIntoDoNotGoTogether() {
        assertThatThrownBy(() -> RecoverRequest.builder().from(tmp).workDir(tmp.resolve("w"))
                .dump(tmp.resolve("d.sql")).into(IntoServer.of("jdbc:mariadb://127.0.0.1/?user=r", null, null,
                        Set.of("a"))).build())
                .hasMessageContaining("RecoverRequest.dump and RecoverRequest.into do not go together");
    }

    @Test
    void refusesUrlsItCannotUse() {
        assertThatThrownBy(() -> IntoServer.of("jdbc:postgresql://h/", null, null, Set.of("a")))
                .hasMessageContaining("RecoverRequest.into takes a JDBC URL");
        assertThatThrownBy(() -> IntoServer.of("jdbc:mariadb://127.0.0.1:3306/", null, null, Set.of("a")))
                .hasMessageContaining("names no user");
        assertThatThrownBy(() -> IntoServer.of("jdbc:mariadb://127.0.0.1:3306/shop?user=r", null, null,
                Set.of("a"))).hasMessageContaining("names the server only");
        assertThatThrownBy(() -> IntoServer.of("jdbc:mariadb://127.0.0.1:3306/?user=root", null, null, Set.of()))
                .hasMessageContaining("RecoverRequest.into needs the databases");
    }

    @Test
    void readsThePasswordFromAnOptionFileOrTheFirstLine() throws Exception {
        Path option = Files.writeString(tmp.resolve("my.cnf"), "[client]\nuser=root\npassword = \"p w;x\"\n");
        assertThat(IntoServer.readPassword(option)).isEqualTo("p w;x");
        Path plain = Files.writeString(tmp.resolve("pw"), "plain-one\nignored\n");
        assertThat(IntoServer.readPassword(plain)).isEqualTo("plain-one");
        assertThatThrownBy(() -> IntoServer.readPassword(tmp.resolve("missing")))
                .hasMessageContaining("no password file");
        assertThatThrownBy(() -> IntoServer.readPassword(Files.writeString(tmp.resolve("empty"), "")))
                .hasMessageContaining("is empty");
        assertThatThrownBy(() -> IntoServer.readPassword(Files.writeString(tmp.resolve("nopw.cnf"),
                "[client]\nuser=root\n"))).hasMessageContaining("has no password= line");
    }
}
