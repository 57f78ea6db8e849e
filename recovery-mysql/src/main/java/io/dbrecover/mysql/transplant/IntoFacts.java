package io.dbrecover.mysql.transplant;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.server.Endpoint;
import io.dbrecover.mysql.server.MariaDbServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * What the {@code --into} server says of itself, read by the assessment before anything is planned.
 *
 * @param version             its version string
 * @param dataDir             its data directory (the files are copied there)
 * @param pageSize            its innodb_page_size
 * @param checksumAlgorithm   its innodb_checksum_algorithm
 * @param lowerCaseTableNames its lower_case_table_names
 */
record IntoFacts(String version, Path dataDir, int pageSize, String checksumAlgorithm, int lowerCaseTableNames) {
    /** Connects and reads the server's facts; a server that cannot be reached is a clear error. */
    static IntoFacts inspect(TransplantInput.Into into) {
        String url = into.url();
        Endpoint endpoint = into.endpoint();
        IntoFacts facts;
        try (Connection c = MariaDbServer.connect(endpoint); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT VERSION(), @@datadir, @@innodb_page_size, "
                    + "@@innodb_checksum_algorithm, @@lower_case_table_names")) {
                rs.next();
                facts = new IntoFacts(rs.getString(1), Path.of(rs.getString(2)), rs.getInt(3), rs.getString(4),
                        rs.getInt(5));
            }
            if (!facts.version().toLowerCase(Locale.ROOT).contains("mariadb")) {
                throw RecoveryException.of(ErrorCode.UNSUPPORTED_FORMAT, "RecoverRequest.into " + url + " is "
                        + facts.version() + ", not MariaDB: recover writes MariaDB's CREATE TABLE and imports "
                        + "MariaDB-format files")
                        .hint("recover into a throwaway server (without RecoverRequest.into) and load the "
                        + "RecoverRequest.dump into yours")
                        .build();
            }
            try {
                // needed for old-format files; proved before anything in the server is changed
                st.execute("SET GLOBAL innodb_checksum_algorithm = @@GLOBAL.innodb_checksum_algorithm");
            } catch (SQLException e) {
                throw RecoveryException.of(ErrorCode.PERMISSION_DENIED, "RecoverRequest.into " + url + ": the "
                        + "account may not "
                        + "set global variables (" + e.getMessage() + ")").hint("connect as an account with the "
                        + "SUPER or SYSTEM_VARIABLES_ADMIN privilege and CREATE, DROP and ALTER on the confirmed "
                        + "databases").cause(e).build();
            }
            return facts;
        } catch (SQLException e) {
            throw RecoveryException.of(e.getErrorCode() == 1045 ? ErrorCode.PERMISSION_DENIED
                    : ErrorCode.PROCESS_FAILED,
                    "RecoverRequest.into " + url + ": " + e.getMessage()).hint(e.getErrorCode() == 1045
                    ? "check the user in the URL and the password in " + TransplantInput.PASSWORD_ENV
                    + " or IntoServer.readPassword"
                    : "is the server running and listening on " + endpoint.host() + ":" + endpoint.port() + "?")
                    .cause(e).build();
        }
    }
}
