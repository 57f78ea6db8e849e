package io.dbrecover.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.dbrecover.core.RecoveryRun;
import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class CliFlagsTest {
    @Test
    void aLibraryErrorNamingRequestFieldsIsPrintedWithTheCliFlags() {
        RecoveryException library = RecoveryException.of(ErrorCode.USAGE, "RecoveryRun.jobs must be at least 1")
                .path(Path.of("/work/w")).offset(7).hint("wait for it to finish, or choose another RecoveryRun.workDir")
                .outputTail(List.of("last line")).build();

        RecoveryException printed = CliFlags.named(library);

        assertThat(printed.getMessage()).isEqualTo("--jobs must be at least 1");
        assertThat(printed.hint()).contains("wait for it to finish, or choose another --workdir");
        assertThat(printed.code()).isEqualTo(ErrorCode.USAGE);
        assertThat(printed.path()).contains(Path.of("/work/w"));
        assertThat(printed.offset()).hasValue(7);
        assertThat(printed.outputTail()).containsExactly("last line");
        assertThat(printed.getCause()).isSameAs(library);
    }

    @Test
    void anErrorNamingNoRequestFieldIsPrintedAsItIs() {
        RecoveryException library = RecoveryException.of(ErrorCode.CORRUPT_INPUT, "bad page").hint("try a copy")
                .build();

        assertThat(CliFlags.named(library)).isSameAs(library);
    }

    @Test
    void recoveryRunErrorsNameItsFieldsAndReadAsBeforeAtTheCommandLine() {
        RecoveryException jobs = catchThrowableOfType(RecoveryException.class,
                () -> RecoveryRun.builder("mysql", "recover").jobs(0));
        RecoveryException workDir = catchThrowableOfType(RecoveryException.class,
                () -> RecoveryRun.builder("mysql", "recover").source(Path.of("/srv/old")).build());

        assertThat(jobs.getMessage()).isEqualTo("RecoveryRun.jobs must be at least 1, not 0");
        assertThat(CliFlags.named(jobs).getMessage()).isEqualTo("--jobs must be at least 1, not 0");
        assertThat(workDir.hint()).contains("pass RecoveryRun.workDir DIR");
        assertThat(CliFlags.named(workDir).hint()).contains("pass --workdir DIR");
    }
}
