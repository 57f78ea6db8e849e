package io.dbrecover.core.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OutcomeTest {
    private static Outcome decide(long verified, long failed, long passed, long notPassed, long errors) {
        return Outcome.decide(new RecoveryReport.Facts(false, true, verified, failed, passed, notPassed, errors, null));
    }

    @Test
    void someItemsFailedIsPartialExitThree() {
        assertThat(decide(2, 1, 2, 0, 1)).isEqualTo(Outcome.PARTIAL);
        assertThat(Outcome.PARTIAL.exitCode()).isEqualTo(3);
    }

    @Test
    void everyItemFailedIsNotVerified() {
        assertThat(decide(0, 3, 0, 0, 3)).isEqualTo(Outcome.NOT_VERIFIED);
    }

    @Test
    void aFailedVerificationIsNotVerifiedEvenWhenItemsLookFine() {
        assertThat(decide(3, 0, 5, 1, 0)).isEqualTo(Outcome.NOT_VERIFIED);
        assertThat(Outcome.NOT_VERIFIED.exitCode()).isEqualTo(4);
    }

    @Test
    void anErrorFindingWithoutAFailedItemIsNotVerified() {
        assertThat(decide(3, 0, 3, 0, 1)).isEqualTo(Outcome.NOT_VERIFIED);
    }

    @Test
    void nothingVerifiedIsNeverSuccess() {
        assertThat(decide(0, 0, 0, 0, 0)).isEqualTo(Outcome.NOT_VERIFIED);
        assertThat(decide(3, 0, 3, 0, 0)).isEqualTo(Outcome.VERIFIED);
    }

    @Test
    void abortedRunsCarryTheErrorsExitCode() {
        Outcome o = Outcome.decide(new RecoveryReport.Facts(false, true, 1, 0, 1, 0, 0, ErrorCode.BINARY_NOT_FOUND));
        assertThat(o).isEqualTo(Outcome.ABORTED);
        assertThat(ErrorCode.BINARY_NOT_FOUND.exitCode()).isEqualTo(5);
    }

    @Test
    void exitCodesAreTheDocumentedOnes() {
        assertThat(ErrorCode.INTERNAL.exitCode()).isEqualTo(1);
        assertThat(ErrorCode.USAGE.exitCode()).isEqualTo(2);
        assertThat(ErrorCode.PARTIAL.exitCode()).isEqualTo(3);
        assertThat(ErrorCode.VERIFICATION_FAILED.exitCode()).isEqualTo(4);
        assertThat(ErrorCode.CORRUPT_INPUT.exitCode()).isEqualTo(4);
        assertThat(ErrorCode.PERMISSION_DENIED.exitCode()).isEqualTo(5);
    }
}
