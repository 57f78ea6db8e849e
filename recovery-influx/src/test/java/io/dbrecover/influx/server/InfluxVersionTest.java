package io.dbrecover.influx.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InfluxVersionTest {
    @Test
    void readsTheServerVersionOfDebiansBuild() {
        InfluxVersion v = InfluxVersion.parse("InfluxDB v1.6.7~rc0 (git: unknown unknown)\n").orElseThrow();

        assertThat(v).isEqualTo(new InfluxVersion(1, 6, 7, "1.6.7~rc0"));
        assertThat(v.supportedForServers()).isTrue();
        assertThat(v).hasToString("1.6.7~rc0");
    }

    @Test
    void readsTheShellVersion() {
        assertThat(InfluxVersion.parse("InfluxDB shell version: 1.6.7~rc0")).map(InfluxVersion::text)
                .contains("1.6.7~rc0");
    }

    @Test
    void readsThePingHeaderValue() {
        assertThat(InfluxVersion.parse("1.8.10")).contains(new InfluxVersion(1, 8, 10, "1.8.10"));
    }

    @Test
    void readsAnUpstreamReleaseWithGitHash() {
        assertThat(InfluxVersion.parse("InfluxDB v1.11.8 (git: HEAD 1a2b3c4d5e)"))
                .contains(new InfluxVersion(1, 11, 8, "1.11.8"));
    }

    @Test
    void marksInflux2AsUnsupportedForServers() {
        InfluxVersion v = InfluxVersion.parse("InfluxDB v2.7.1 (git: 407fa622e9) build_date: 2023-04-28T13:24:27Z")
                .orElseThrow();

        assertThat(v.major()).isEqualTo(2);
        assertThat(v.supportedForServers()).isFalse();
    }

    @Test
    void acceptsAVersionWithoutPatch() {
        assertThat(InfluxVersion.parse("InfluxDB v1.8")).contains(new InfluxVersion(1, 8, 0, "1.8"));
    }

    @Test
    void findsNothingInTextWithoutAVersion() {
        assertThat(InfluxVersion.parse("influxd: command not found")).isEmpty();
        assertThat(InfluxVersion.parse("")).isEmpty();
        assertThat(InfluxVersion.parse(null)).isEmpty();
    }
}
