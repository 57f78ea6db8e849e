package io.dbrecover.mysql.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExtendedValuesTest {

    /** Pairs measured on MariaDB 10.11.19: {@code SELECT CAST('<input>' AS INET6)} prints the second column. */
    @ParameterizedTest
    @CsvSource({
        "::ffff:a00:1, ::ffff:10.0.0.1",
        "::a00:1, ::10.0.0.1",
        "::1, ::1",
        "::, ::",
        "::1:0, ::0.1.0.0",
        "::ffff:0:1, ::ffff:0.0.0.1",
        "::100:0, ::1.0.0.0",
        "0:0:0:0:0:ffff:1:2, ::ffff:0.1.0.2",
        "::ffff:0.0.0.0, ::ffff:0.0.0.0",
        "::0.0.0.2, ::2",
        "1::ffff:1.2.3.4, 1::ffff:102:304",
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
        "2001:db8::a, 2001:db8::a"
    })
    void printsInet6AsMariaDbDoes(String input, String server) throws UnknownHostException {
        byte[] stored = InetAddress.getByName(input).getAddress();
        if (stored.length == 4) {
            // Java folds IPv4-mapped input into an IPv4 address: give it back its ::ffff: prefix
            byte[] mapped = new byte[16];
            mapped[10] = (byte) 0xFF;
            mapped[11] = (byte) 0xFF;
            System.arraycopy(stored, 0, mapped, 12, 4);
            stored = mapped;
        }
        assertThat(ExtendedValues.text("inet6", stored)).isEqualTo(server);
    }

    @Test
    void refusesAValueOfTheWrongLength() {
        assertThatThrownBy(() -> ExtendedValues.text("uuid", new byte[15])).isInstanceOf(IllegalArgumentException.class);
        assertThat(ExtendedValues.storageBytes("INET4")).contains(4);
        assertThat(ExtendedValues.storageBytes("vector")).isEmpty();
    }
}
