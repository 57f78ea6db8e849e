package io.dbrecover.mysql.frm;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.mysql.server.MariaDbServer;
import io.dbrecover.mysql.server.MariaDbServerProvider;
import io.dbrecover.testkit.RequiresServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The resource {@code charsets-8bit.tsv}, by which {@link StoredText} decides whether text stands for a byte of a
 * single-byte character set, says for every byte what the server itself does: the code point it converts the byte
 * to, where converting that back to the set gives the byte again, and {@code -} where not. Its lines must name
 * every single-byte set MariaDB 10.11 has.
 */
@RequiresServer("mysql")
class SingleByteCharsetsIT {
    @Test
    void the_byte_table_is_what_the_server_converts(@TempDir Path tmp) throws Exception {
        List<String[]> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(getClass().getResourceAsStream(
                "/io/dbrecover/mysql/charsets-8bit.tsv"), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.startsWith("#")) {
                    lines.add(line.split("\t"));
                }
            }
        }
        List<String> wrong = new ArrayList<>();
        try (MariaDbServer server = new MariaDbServerProvider().createServer(ServerOptions.builder().baseDir(tmp)
                .build())) {
            server.start();
            try (Connection c = MariaDbServer.connect(server.endpoint()); Statement st = c.createStatement()) {
                List<String> sets = new ArrayList<>();
                try (ResultSet rs = st.executeQuery("SELECT character_set_name FROM information_schema.character_sets "
                        + "WHERE maxlen = 1 AND character_set_name <> 'binary' ORDER BY 1")) {
                    while (rs.next()) {
                        sets.add(rs.getString(1));
                    }
                }
                assertThat(lines).extracting(l -> l[0]).containsExactlyInAnyOrderElementsOf(sets);
                for (String[] line : lines) {
                    String[] cps = line[1].split(" ");
                    assertThat(cps).hasSize(256);
                    StringBuilder q = new StringBuilder("SELECT ");
                    for (int b = 0; b < 256; b++) {
                        String h = String.format("%02X", b);
                        String to = "CONVERT(UNHEX('" + h + "') USING " + line[0] + ")";
                        q.append(b == 0 ? "" : ", ").append("IF(HEX(CONVERT(CONVERT(").append(to)
                                .append(" USING utf8mb4) USING ").append(line[0]).append(")) = '").append(h)
                                .append("' AND (HEX(CONVERT(").append(to).append(" USING utf8mb4)) <> '3F' OR '")
                                .append(h).append("' = '3F'), HEX(CONVERT(").append(to).append(" USING utf32)), '-')");
                    }
                    try (ResultSet rs = st.executeQuery(q.toString())) {
                        rs.next();
                        for (int b = 0; b < 256; b++) {
                            String v = rs.getString(b + 1);
                            String shown = v.equals("-") ? "-" : Integer.toHexString(Integer.parseInt(v, 16))
                                    .toUpperCase(java.util.Locale.ROOT);
                            if (!shown.equals(cps[b])) {
                                wrong.add(line[0] + " byte " + b + ": table " + cps[b] + ", server " + shown);
                            }
                        }
                    }
                }
            }
        }
        assertThat(wrong).isEmpty();
    }
}
