package io.dbrecover.mysql.sdi;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbrecover.core.server.ServerOptions;
import io.dbrecover.mysql.ddl.DdlWriter;
import io.dbrecover.mysql.model.CharsetCollation;
import io.dbrecover.mysql.model.Column;
import io.dbrecover.mysql.model.ColumnDefault;
import io.dbrecover.mysql.model.DataType;
import io.dbrecover.mysql.model.RowFormat;
import io.dbrecover.mysql.model.Switch;
import io.dbrecover.mysql.model.TableDefinition;
import io.dbrecover.mysql.model.TableOptions;
import io.dbrecover.mysql.server.MariaDbServer;
import io.dbrecover.mysql.server.MariaDbServerProvider;
import io.dbrecover.testkit.RequiresServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every collation only MySQL 8 has (the ids an SDI can name), as a table default and as a column collation, gives
 * a CREATE TABLE that MariaDB 10.11 accepts, and the server then reports the collation we wrote.
 */
@RequiresServer("mysql")
class Mysql8CollationsIT {
    @Test
    void every_mysql8_only_collation_is_written_as_one_mariadb_accepts(@TempDir Path tmp) throws Exception {
        Map<String, String> refused = new TreeMap<>();
        int created = 0;
        try (MariaDbServer server = new MariaDbServerProvider().createServer(ServerOptions.builder().baseDir(tmp)
                .build())) {
            server.start();
            try (Connection c = MariaDbServer.connect(server.endpoint()); Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE m8");
                st.execute("USE m8");
                for (CharsetCollation cs : SdiTables.MYSQL8_COLLATIONS.values()) {
                    DataType varchar = new DataType(io.dbrecover.mysql.model.ColumnType.VARCHAR, 10, -1, 0, false,
                            false, cs, List.of(), null, null, false, false);
                    TableOptions options = new TableOptions("InnoDB", cs, RowFormat.DEFAULT, 0, 0, 0, 0,
                            Switch.UNSET, Switch.UNSET, Switch.UNSET, 0, false, Switch.UNSET, false, Switch.UNSET,
                            false, "", List.of());
                    String name = "t" + cs.id();
                    TableDefinition t = new TableDefinition(name, List.of(Column.of("a", varchar, true,
                            ColumnDefault.NULL)), List.of(), options, "", "", List.of(), null, null, false,
                            new ArrayList<>());
                    String sql = DdlWriter.createTable(t);
                    try {
                        st.execute(sql);
                        created++;
                    } catch (SQLException e) {
                        refused.put(cs.collation(), e.getMessage() + "\n" + sql);
                        continue;
                    }
                    String written = sql.replaceAll("(?s).*COLLATE=(\\S+).*", "$1");
                    try (ResultSet rs = st.executeQuery("SELECT table_collation FROM information_schema.tables "
                            + "WHERE table_schema = 'm8' AND table_name = '" + name + "'")) {
                        assertThat(rs.next()).isTrue();
                        assertThat(rs.getString(1)).as(cs.collation()).isEqualTo(written);
                    }
                }
            }
        }
        assertThat(refused).isEmpty();
        assertThat(created).isEqualTo(SdiTables.MYSQL8_COLLATIONS.size()).isGreaterThanOrEqualTo(60);
    }
}
