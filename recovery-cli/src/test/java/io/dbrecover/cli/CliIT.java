package io.dbrecover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbrecover.core.report.Json;
import io.dbrecover.testkit.RequiresServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The CLI against this machine's real servers. */
class CliIT {
    @Test
    @RequiresServer("mysql")
    @RequiresServer("postgres")
    @RequiresServer("influx")
    void doctorNamesTheThreeEnginesBinariesWithPathsAndVersions() throws Exception {
        CliTest.Run r = CliTest.run("doctor", "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode doc = Json.mapper().readTree(r.out());
        assertThat(doc.get("usableEngines").asInt()).isEqualTo(3);
        List<String> found = new ArrayList<>();
        for (JsonNode engine : doc.get("engines")) {
            assertThat(engine.get("usable").asBoolean()).as(engine.toString()).isTrue();
            for (JsonNode tool : engine.get("tools")) {
                if (tool.get("found").asBoolean() && "system".equals(tool.get("origin").asText())) {
                    assertThat(tool.get("path").asText()).startsWith("/");
                    found.add(tool.get("name").asText());
                }
            }
        }
        assertThat(found).contains("mariadbd", "postgres", "initdb", "influxd");

        CliTest.Run text = CliTest.run("doctor");
        assertThat(text.exit()).isZero();
        assertThat(text.out()).contains("mysql", "postgres", "influx", "/usr/sbin/mariadbd", "/usr/bin/influxd",
                "3 of 3 engines");
    }

    @Test
    @RequiresServer("mysql")
    void serverCheckStartsPrintsAndStopsAThrowawayMariaDb() {
        CliTest.Run r = CliTest.run("mysql", "server", "--check");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("ready on 127.0.0.1:", "url:  jdbc:mysql://127.0.0.1:", "user: dbrecover",
                "connect: mariadb --defaults-extra-file=/").doesNotContain("password=");
        String file = r.out().replaceAll("(?s).*password: in (\\S+) .*", "$1");
        assertThat(java.nio.file.Path.of(file)).as("removed at stop").doesNotExist();
    }

    @Test
    @RequiresServer("postgres")
    @RequiresServer("influx")
    void serverCheckNamesAPrivateClientFileForPostgresAndInflux() {
        CliTest.Run pg = CliTest.run("postgres", "server", "--check");
        assertThat(pg.exit()).as(pg.err()).isZero();
        assertThat(pg.out()).contains("user: postgres", "connect: PGPASSFILE=/", "psql -h 127.0.0.1 -p ");
        CliTest.Run influx = CliTest.run("influx", "server", "--check");
        assertThat(influx.exit()).as(influx.err()).isZero();
        assertThat(influx.out()).contains("user: dbrecover", "influx.env && influx -host 127.0.0.1 -port ");
    }

    @Test
    @RequiresServer("mysql")
    @RequiresServer("postgres")
    @RequiresServer("influx")
    void demoRecoversEveryEnginesDisasterWithVerifiedReports() throws Exception {
        CliTest.Run r = CliTest.run("demo", "--json");
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        JsonNode results = Json.mapper().readTree(r.out());
        List<String> engines = new ArrayList<>();
        for (JsonNode res : results) {
            assertThat(res.get("status").asText()).as(res.toString()).isEqualTo("VERIFIED");
            JsonNode report = res.get("report");
            assertThat(report.get("sourcesVerdict").get("unchanged").asBoolean()).isTrue();
            assertThat(report.get("verifications")).isNotEmpty();
            for (JsonNode v : report.get("verifications")) {
                assertThat(v.get("passed").asBoolean()).as(v.toString()).isTrue();
            }
            engines.add(res.get("engine").asText());
        }
        assertThat(engines).contains("mysql", "postgres", "influx");
        assertThat(results).extracting(res -> res.get("scenario").asText()).contains("mariadb-orphaned-files");
    }

    @Test
    @RequiresServer(value = "mysql", origin = "embedded")
    @RequiresServer(value = "postgres", origin = "embedded")
    void demoRunsOnTheEmbeddedBinariesFromMavenCentralAlone() throws Exception {
        CliTest.Run r = CliTest.run("demo", "--origin", "embedded", "--engine", "mysql", "--engine", "postgres", "--json");
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        JsonNode results = Json.mapper().readTree(r.out());
        assertThat(results).extracting(res -> res.get("scenario").asText()).containsExactly(
                "mariadb-orphaned-files", "mariadb-cold-copy", "postgres-cold-copy", "postgres-pitr");
        for (JsonNode res : results) {
            assertThat(res.get("status").asText()).as(res.toString()).isEqualTo("VERIFIED");
            assertThat(res.get("report").get("tools").toString()).contains("embedded");
        }
    }

    @Test
    @RequiresServer("mysql")
    void demoSaysWhatToInstallForAMissingEngineAndGoesOnWithTheRest() {
        // the packaged launcher jar, as a user runs it, with InfluxDB made unavailable through its variable
        java.nio.file.Path jar = java.nio.file.Path.of("target/recovery-cli.jar").toAbsolutePath();
        assertThat(jar).exists();
        io.dbrecover.core.process.ProcessResult r = new io.dbrecover.core.process.ProcessRunner().run(
                io.dbrecover.core.process.ProcessSpec.of(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java")
                                .toString(), "-jar", jar.toString(), "demo", "--engine", "influx", "--engine", "mysql")
                        .env("DBRECOVER_INFLUX_BIN", "/nonexistent").okExitCodes(0, 1, 2, 3, 4, 5)
                        .timeout(java.time.Duration.ofMinutes(5)).build());
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).contains("influx-cold-copy skipped", "apt-get install influxdb",
                "mariadb-orphaned-files VERIFIED", "mariadb-cold-copy      VERIFIED",
                "influx-cold-copy       SKIPPED");
    }
}
