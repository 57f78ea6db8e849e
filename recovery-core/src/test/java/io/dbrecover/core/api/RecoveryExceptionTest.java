package io.dbrecover.core.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RecoveryExceptionTest {
    @Test
    void carries_a_typed_offset_and_describes_it_once() {
        RecoveryException e = RecoveryException.of(ErrorCode.CORRUPT_INPUT, "damaged key section")
                .path(Path.of("t.frm")).offset(4117).build();
        assertThat(e.offset()).hasValue(4117);
        assertThat(e.describe()).isEqualTo("damaged key section (t.frm, byte offset 4117)");
        RecoveryException named = RecoveryException.of(ErrorCode.CORRUPT_INPUT,
                "t.frm: damaged .frm at byte offset 12: bad").path(Path.of("t.frm")).offset(12).build();
        assertThat(named.describe()).isEqualTo("t.frm: damaged .frm at byte offset 12: bad");
    }

    @Test
    void has_no_offset_unless_one_is_given() {
        RecoveryException e = RecoveryException.of(ErrorCode.IO_ERROR, "cannot read").path(Path.of("x")).build();
        assertThat(e.offset()).isEmpty();
        assertThat(e.describe()).isEqualTo("cannot read (x)");
        assertThat(new RecoveryException(ErrorCode.IO_ERROR, "plain").offset()).isEmpty();
        assertThat(RecoveryException.of(ErrorCode.IO_ERROR, "m").offset(-5).build().offset()).isEmpty();
    }
}
