package io.dbrecover.mysql.frm;

import io.dbrecover.mysql.model.EngineOption;
import java.util.List;
import java.util.Locale;

/**
 * TokuDB tables in {@code .frm} files (docs/formats/frm.md §11.1). TokuDB was a storage engine of Percona Server
 * 5.6–8.0 (removed in 8.0.28) and of MariaDB 5.5–10.5 (a plugin; gone in 10.6). Its rows live in the engine's own
 * {@code *.tokudb} files, never in an {@code .ibd}; the {@code .frm} still holds the whole definition.
 *
 * <p>The engine is told by its name in the extra segment ({@code TokuDB}); the legacy code at byte 3 is 41 in
 * Percona's and Tokutek's MySQL trees ({@code DB_TYPE_TOKUDB=41} in their {@code sql/handler.h}) and 43 in
 * MariaDB's ({@code DB_TYPE_TOKUDB=43}), where 43 was also seen for Aria in MariaDB 5.5 files, so the code alone
 * decides nothing. The row format:
 * <ul>
 *   <li>MariaDB 10.x writes it as the engine-defined table option {@code compression} ({@code 'tokudb_zlib'}); byte
 *       40 then holds TokuDB's own number (11 in the one such file seen, MariaDB's test file
 *       {@code std_data/bad_row_type.frm} of MDEV-7333), which means nothing to MariaDB and is not decoded here.</li>
 *   <li>Percona Server and Tokutek's builds extended MySQL's {@code enum row_type} after {@code ROW_TYPE_PAGE} (6)
 *       and store it at byte 40: 7 {@code TOKUDB_UNCOMPRESSED} and 8 {@code TOKUDB_ZLIB} in every tree read;
 *       after that the trees differ. Tokutek's 5.5 tree: 9 QUICKLZ, 10 LZMA, 11 FAST, 12 SMALL. Percona's 5.6/5.7
 *       trees put SNAPPY at 9 (and one adds ZSTD at 10 before QUICKLZ, LZMA, FAST, SMALL), so from 10 on the name
 *       depends on the build and is given as the code with its candidates.</li>
 * </ul>
 */
final class TokuDb {
    private static final List<String> TOKUTEK_55 = List.of("TOKUDB_QUICKLZ", "TOKUDB_LZMA", "TOKUDB_FAST",
            "TOKUDB_SMALL");

    private TokuDb() {
    }

    static boolean is(String engine) {
        return "TokuDB".equalsIgnoreCase(engine);
    }

    /**
     * The TokuDB row format of the table as far as the file tells it, e.g. {@code TOKUDB_ZLIB}, or a phrase naming
     * the code and its candidates when the build decides.
     *
     * @param rowTypeCode byte 40
     * @param serverVersion the version id at bytes 51–54
     * @param tableOptions the engine-defined table options (MariaDB)
     */
    static String rowFormat(int rowTypeCode, long serverVersion, List<EngineOption> tableOptions) {
        for (EngineOption o : tableOptions) {
            if (o.name().equalsIgnoreCase("compression")) {
                return o.value().toUpperCase(Locale.ROOT);
            }
        }
        if (rowTypeCode == 0) {
            return "the server's default (tokudb_row_format)";
        }
        if (rowTypeCode == 7) {
            return "TOKUDB_UNCOMPRESSED";
        }
        if (rowTypeCode == 8) {
            return "TOKUDB_ZLIB";
        }
        if (serverVersion < 50600 && rowTypeCode >= 9 && rowTypeCode <= 12) {
            return TOKUTEK_55.get(rowTypeCode - 9);
        }
        if (serverVersion >= 50600 && serverVersion < 100000 && rowTypeCode == 9) {
            return "TOKUDB_SNAPPY";
        }
        return "code " + rowTypeCode + " (TOKUDB_QUICKLZ, _LZMA, _FAST, _SMALL or _ZSTD: Percona builds number "
                + "them differently from 10 on)";
    }

    /** The note a TokuDB table's definition carries: what the engine is and what to do with its data. */
    static String note(String rowFormat) {
        return "a TokuDB table (Percona Server 5.6–8.0, or MariaDB 5.5–10.5 with its TokuDB plugin), row format "
                + rowFormat + ": its rows are not in an .ibd but in TokuDB's own *.tokudb files (in the data "
                + "directory's root or tokudb_data_dir, with the tokudb.* logs), which only a server with TokuDB "
                + "reads: a Percona Server 5.7 (or 8.0 before 8.0.28) with the TokuDB plugin, given the whole data "
                + "directory. MariaDB 10.6+ and MySQL have no TokuDB: to create the table there, write "
                + "ENGINE=InnoDB instead";
    }
}
