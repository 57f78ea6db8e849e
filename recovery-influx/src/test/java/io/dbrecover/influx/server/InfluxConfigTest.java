package io.dbrecover.influx.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InfluxConfigTest {
    private static final InfluxConfig.Layout LAYOUT = new InfluxConfig.Layout(Path.of("/tmp/dbrecover-influx-1/influxdb"));

    @Test
    void bindsBothPortsToLoopbackAndPutsEveryDirectoryUnderTheServerDir() {
        String conf = InfluxConfig.render(LAYOUT, 18086, 18088, Map.of());

        assertThat(topLevel(conf)).contains("bind-address = \"127.0.0.1:18088\"");
        assertThat(section(conf, "http")).contains("bind-address = \"127.0.0.1:18086\"", "auth-enabled = true",
                "unix-socket-enabled = false");
        assertThat(section(conf, "meta")).contains("dir = \"/tmp/dbrecover-influx-1/influxdb/meta\"");
        assertThat(section(conf, "data")).contains("dir = \"/tmp/dbrecover-influx-1/influxdb/data\"",
                "wal-dir = \"/tmp/dbrecover-influx-1/influxdb/wal\"", "index-version = \"tsi1\"");
    }

    @Test
    void switchesOffEverythingThatCouldChangeRecoveredDataOrTalkToOtherMachines() {
        String conf = InfluxConfig.render(LAYOUT, 18086, 18088, Map.of());

        assertThat(topLevel(conf)).contains("reporting-disabled = true", "reporting-enabled = false");
        assertThat(section(conf, "retention")).containsExactly("enabled = false");
        assertThat(section(conf, "shard-precreation")).containsExactly("enabled = false");
        assertThat(section(conf, "continuous_queries")).containsExactly("enabled = false");
        assertThat(section(conf, "subscriber")).containsExactly("enabled = false");
        assertThat(section(conf, "monitor")).containsExactly("store-enabled = false");
    }

    @Test
    void mapsSectionDotKeySettingsIntoTheirSectionOverridingDefaults() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("data.cache-max-memory-size", "2147483648");
        settings.put("data.index-version", "inmem");
        settings.put("retention.enabled", "true");
        settings.put("coordinator.query-timeout", "10s");
        settings.put("tls.min-version", "\"tls1.2\"");

        String conf = InfluxConfig.render(LAYOUT, 18086, 18088, settings);

        assertThat(section(conf, "data")).contains("cache-max-memory-size = 2147483648", "index-version = \"inmem\"")
                .doesNotContain("index-version = \"tsi1\"");
        assertThat(section(conf, "retention")).containsExactly("enabled = true");
        assertThat(section(conf, "coordinator")).containsExactly("query-timeout = \"10s\"");
        assertThat(section(conf, "tls")).containsExactly("min-version = \"tls1.2\"");
    }

    @Test
    void writesTopLevelSettingsWithoutASection() {
        String conf = InfluxConfig.render(LAYOUT, 18086, 18088, Map.of("reporting-disabled", "false"));

        assertThat(topLevel(conf)).contains("reporting-disabled = false");
    }

    @Test
    void escapesPathsAsTomlStrings() {
        String conf = InfluxConfig.render(new InfluxConfig.Layout(Path.of("/tmp/a \"b\"\\c")), 1, 2, Map.of());

        assertThat(section(conf, "meta")).contains("dir = \"/tmp/a \\\"b\\\"\\\\c/meta\"");
    }

    @Test
    void refusesSettingsThatDbrecoverManages() {
        for (String name : List.of("http.bind-address", "bind-address", "meta.dir", "data.dir", "data.wal-dir")) {
            assertThatThrownBy(() -> InfluxConfig.render(LAYOUT, 1, 2, Map.of(name, "x")))
                    .isInstanceOf(RecoveryException.class).hasMessageContaining("managed by dbrecover")
                    .extracting(e -> ((RecoveryException) e).code()).isEqualTo(ErrorCode.USAGE);
        }
    }

    @Test
    void refusesMalformedNamesListSectionsAndMultiLineValues() {
        assertThatThrownBy(() -> InfluxConfig.render(LAYOUT, 1, 2, Map.of("data.cache size", "1")))
                .isInstanceOf(RecoveryException.class).hasMessageContaining("not an InfluxDB setting name");
        assertThatThrownBy(() -> InfluxConfig.render(LAYOUT, 1, 2, Map.of("a.b.c", "1")))
                .isInstanceOf(RecoveryException.class).hasMessageContaining("not an InfluxDB setting name");
        assertThatThrownBy(() -> InfluxConfig.render(LAYOUT, 1, 2, Map.of("udp.enabled", "true")))
                .isInstanceOf(RecoveryException.class).hasMessageContaining("[[udp]]");
        assertThatThrownBy(() -> InfluxConfig.render(LAYOUT, 1, 2, Map.of("logging.level", "info\n[http]")))
                .isInstanceOf(RecoveryException.class).hasMessageContaining("control character");
    }

    @Test
    void quotesValuesThatAreNotBareTomlLiterals() {
        assertThat(InfluxConfig.literal("k", "42")).isEqualTo("42");
        assertThat(InfluxConfig.literal("k", "-1.5")).isEqualTo("-1.5");
        assertThat(InfluxConfig.literal("k", "true")).isEqualTo("true");
        assertThat(InfluxConfig.literal("k", "1g")).isEqualTo("\"1g\"");
        assertThat(InfluxConfig.literal("k", "\"already\"")).isEqualTo("\"already\"");
        assertThat(InfluxConfig.literal("k", "\"half")).isEqualTo("\"\\\"half\"");
    }

    /** The lines of a [section], trimmed, up to the next section. */
    private static List<String> section(String conf, String name) {
        String body = conf.substring(conf.indexOf("\n[" + name + "]\n") + name.length() + 4);
        int next = body.indexOf("\n[");
        return (next < 0 ? body : body.substring(0, next)).lines().map(String::strip).filter(l -> !l.isEmpty())
                .toList();
    }

    private static List<String> topLevel(String conf) {
        return conf.substring(0, conf.indexOf("\n[")).lines().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }
}
