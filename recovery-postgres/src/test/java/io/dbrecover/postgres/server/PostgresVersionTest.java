package io.dbrecover.postgres.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PostgresVersionTest {
    @Test
    void readsDebianProgramOutput() {
        PostgresVersion v = PostgresVersion.fromProgramOutput("postgres (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)\n")
                .orElseThrow();
        assertThat(v.number()).isEqualTo("15.18");
        assertThat(v.text()).isEqualTo("15.18");
        assertThat(v.major()).isEqualTo("15");
    }

    @Test
    void readsPlainProgramOutputOfEmbeddedBinaries() {
        assertThat(PostgresVersion.fromProgramOutput("initdb (PostgreSQL) 15.19").orElseThrow().major()).isEqualTo("15");
    }

    @Test
    void keepsTheMinorInTheMajorBeforeReleaseTen() {
        PostgresVersion v = PostgresVersion.fromProgramOutput("postgres (PostgreSQL) 9.6.24").orElseThrow();
        assertThat(v.major()).isEqualTo("9.6");
        assertThat(PostgresVersion.majorOf("10.23")).isEqualTo("10");
    }

    @Test
    void keepsPreReleaseSuffixInTheText() {
        PostgresVersion v = PostgresVersion.fromProgramOutput("postgres (PostgreSQL) 16beta1").orElseThrow();
        assertThat(v.number()).isEqualTo("16");
        assertThat(v.text()).isEqualTo("16beta1");
        assertThat(v.major()).isEqualTo("16");
    }

    @Test
    void readsServerVersionSettingAndPgVersionFile() {
        assertThat(PostgresVersion.fromBare("15.18 (Debian 15.18-0+deb12u1)").orElseThrow().number()).isEqualTo("15.18");
        assertThat(PostgresVersion.fromBare("9.6\n").orElseThrow().major()).isEqualTo("9.6");
    }

    @Test
    void findsNothingInUnrelatedOutput() {
        assertThat(PostgresVersion.fromProgramOutput("mariadbd  Ver 10.11.6-MariaDB")).isEmpty();
        assertThat(PostgresVersion.fromProgramOutput(null)).isEmpty();
        assertThat(PostgresVersion.fromBare("unknown")).isEmpty();
    }
}
