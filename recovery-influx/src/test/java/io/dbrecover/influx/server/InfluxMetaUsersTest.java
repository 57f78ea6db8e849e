package io.dbrecover.influx.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class InfluxMetaUsersTest {
    private static final Path FILE = Path.of("meta.db");

    // Term=1 (varint), a database "db" (field 5), a user "u" (field 6), MaxNodeID=7 (field 7), a fixed64 field 12
    private static final byte[] DATA = {0x08, 0x01, 0x2a, 0x04, 0x0a, 0x02, 'd', 'b', 0x32, 0x03, 0x0a, 0x01, 'u',
        0x38, 0x07, 0x61, 1, 2, 3, 4, 5, 6, 7, 8};

    @Test
    void takesOnlyTheUsersOutAndPutsThemBackAtTheEnd() {
        InfluxMetaUsers.Split split = InfluxMetaUsers.split(DATA, FILE);
        assertThat(split.count()).isEqualTo(1);
        assertThat(split.users()).containsExactly(0x32, 0x03, 0x0a, 0x01, 'u');
        assertThat(split.withoutUsers()).hasSize(DATA.length - 5);
        byte[] back = split.withUsers(split.users());
        assertThat(InfluxMetaUsers.split(back, FILE).users()).isEqualTo(split.users());
        assertThat(InfluxMetaUsers.split(back, FILE).withoutUsers()).isEqualTo(split.withoutUsers());
    }

    @Test
    void dropsOneUserByNameAndKeepsEverythingElse() {
        // a second user "ab" (field 6: UserInfo with name "ab" and admin=true as field 3) after the first
        byte[] two = new byte[DATA.length + 8];
        System.arraycopy(DATA, 0, two, 0, DATA.length);
        System.arraycopy(new byte[] {0x32, 0x06, 0x0a, 0x02, 'a', 'b', 0x18, 0x01}, 0, two, DATA.length, 8);

        byte[] withoutU = InfluxMetaUsers.withoutUser(two, "u", FILE);

        assertThat(InfluxMetaUsers.split(withoutU, FILE).count()).isEqualTo(1);
        assertThat(InfluxMetaUsers.split(withoutU, FILE).users()).containsExactly(0x32, 0x06, 0x0a, 0x02, 'a', 'b',
                0x18, 0x01);
        assertThat(InfluxMetaUsers.split(withoutU, FILE).withoutUsers()).isEqualTo(InfluxMetaUsers.split(two, FILE)
                .withoutUsers());
        assertThat(InfluxMetaUsers.withoutUser(two, "a", FILE)).isNull();
        assertThatThrownBy(() -> InfluxMetaUsers.withoutUser(new byte[] {0x32, 0x02, 0x0a, 0x05}, "u", FILE))
                .isInstanceOf(RecoveryException.class);
    }

    @Test
    void aLengthPastTheEndIsATypedError() {
        byte[] bad = {0x32, 0x7f, 0x0a};
        assertThatThrownBy(() -> InfluxMetaUsers.split(bad, FILE)).isInstanceOfSatisfying(RecoveryException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.CORRUPT_INPUT));
        assertThatThrownBy(() -> InfluxMetaUsers.split(new byte[] {(byte) 0x80}, FILE))
                .isInstanceOf(RecoveryException.class);
        assertThatThrownBy(() -> InfluxMetaUsers.split(new byte[] {0x0b}, FILE)).isInstanceOf(RecoveryException.class);
    }
}
