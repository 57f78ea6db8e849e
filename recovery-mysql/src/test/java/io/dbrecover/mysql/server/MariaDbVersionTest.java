package io.dbrecover.mysql.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MariaDbVersionTest {
    @Test
    void readsTheDebianServerVersionLine() {
        MariaDbVersion v = MariaDbVersion.fromProgramOutput(
                "/usr/sbin/mariadbd  Ver 10.11.19-MariaDB-0+deb12u1 for debian-linux-gnu on x86_64 (Debian 12)\n")
                .orElseThrow();
        assertThat(v.text()).isEqualTo("10.11.19-MariaDB-0+deb12u1");
        assertThat(v.number()).isEqualTo("10.11.19");
        assertThat(v.mariaDb()).isTrue();
        assertThat(v.product()).isEqualTo("MariaDB 10.11.19");
    }

    @Test
    void readsTheEmbeddedServerVersionLine() {
        MariaDbVersion v = MariaDbVersion.fromProgramOutput(
                "/var/cache/dbrecover/embedded/mariadb-11.4.5/bin/mariadbd  Ver 11.4.5-MariaDB for linux-systemd on "
                        + "x86_64 (MariaDB Server)").orElseThrow();
        assertThat(v.major()).isEqualTo(11);
        assertThat(v.minor()).isEqualTo(4);
        assertThat(v.patch()).isEqualTo(5);
        assertThat(v.mariaDb()).isTrue();
    }

    @Test
    void takesTheDistributionVersionOfOldClientsNotTheirProtocolVersion() {
        MariaDbVersion v = MariaDbVersion.fromProgramOutput("mariadb  Ver 15.1 Distrib 10.11.19-MariaDB, for "
                + "debian-linux-gnu (x86_64) using  EditLine wrapper").orElseThrow();
        assertThat(v.text()).isEqualTo("10.11.19-MariaDB");
        assertThat(v.mariaDb()).isTrue();
    }

    @Test
    void takesTheServerVersionOfNewClients() {
        MariaDbVersion v = MariaDbVersion.fromProgramOutput("/x/bin/mariadb-dump from 11.4.5-MariaDB, client 10.19 for "
                + "linux-systemd (x86_64)").orElseThrow();
        assertThat(v.text()).isEqualTo("11.4.5-MariaDB");
    }

    @Test
    void recognisesOracleMySqlAsNotMariaDb() {
        MariaDbVersion v = MariaDbVersion.fromProgramOutput(
                "/usr/sbin/mysqld  Ver 8.0.36 for Linux on x86_64 (MySQL Community Server - GPL)").orElseThrow();
        assertThat(v.text()).isEqualTo("8.0.36");
        assertThat(v.mariaDb()).isFalse();
        assertThat(v.product()).isEqualTo("MySQL 8.0.36");
    }

    @Test
    void recognisesAnOldMariaDbMysqld() {
        MariaDbVersion v = MariaDbVersion.fromProgramOutput(
                "/usr/sbin/mysqld  Ver 10.3.39-MariaDB-0+deb10u1 for debian-linux-gnu on x86_64 (Debian 10)").orElseThrow();
        assertThat(v.mariaDb()).isTrue();
        assertThat(v.number()).isEqualTo("10.3.39");
    }

    @Test
    void stripsTheReplicationPrefixOfServerVersions() {
        assertThat(MariaDbVersion.fromServer("5.5.5-10.11.19-MariaDB-0+deb12u1").orElseThrow().text())
                .isEqualTo("10.11.19-MariaDB-0+deb12u1");
        assertThat(MariaDbVersion.fromServer("11.4.5-MariaDB").orElseThrow().number()).isEqualTo("11.4.5");
        assertThat(MariaDbVersion.fromServer("8.0.36").orElseThrow().mariaDb()).isFalse();
    }

    @Test
    void saysNothingAboutOutputWithoutAVersion() {
        assertThat(MariaDbVersion.fromProgramOutput("mariadbd: unknown option '--version'")).isEmpty();
        assertThat(MariaDbVersion.fromProgramOutput("")).isEmpty();
        assertThat(MariaDbVersion.fromProgramOutput(null)).isEmpty();
        assertThat(MariaDbVersion.fromServer(" ")).isEmpty();
        assertThat(MariaDbVersion.fromServer("MariaDB")).isEmpty();
    }
}
