package io.dbrecover.mysql.model;

import java.util.List;
import java.util.Objects;

/**
 * The table options after the column list.
 *
 * @param engine storage engine name, e.g. {@code InnoDB}
 * @param charset table default character set and collation, or {@code null} when unknown
 * @param rowFormat declared ROW_FORMAT
 * @param keyBlockSize KEY_BLOCK_SIZE, 0 when not given
 * @param minRows MIN_ROWS, 0 when not given
 * @param maxRows MAX_ROWS, 0 when not given
 * @param avgRowLength AVG_ROW_LENGTH, 0 when not given
 * @param packKeys PACK_KEYS
 * @param statsPersistent STATS_PERSISTENT
 * @param statsAutoRecalc STATS_AUTO_RECALC
 * @param statsSamplePages STATS_SAMPLE_PAGES, 0 when not given
 * @param checksum CHECKSUM=1
 * @param pageChecksum PAGE_CHECKSUM (MariaDB Aria)
 * @param delayKeyWrite DELAY_KEY_WRITE=1
 * @param transactional TRANSACTIONAL (MariaDB Aria)
 * @param sequence the table is a MariaDB SEQUENCE
 * @param connection CONNECTION string, {@code ""} when none
 * @param engineOptions engine-defined table attributes (MariaDB)
 */
public record TableOptions(String engine, CharsetCollation charset, RowFormat rowFormat, int keyBlockSize,
                           long minRows, long maxRows, long avgRowLength, Switch packKeys, Switch statsPersistent,
                           Switch statsAutoRecalc, int statsSamplePages, boolean checksum, Switch pageChecksum,
                           boolean delayKeyWrite, Switch transactional, boolean sequence, String connection,
                           List<EngineOption> engineOptions) {
    public TableOptions {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(rowFormat, "rowFormat");
        Objects.requireNonNull(packKeys, "packKeys");
        Objects.requireNonNull(statsPersistent, "statsPersistent");
        Objects.requireNonNull(statsAutoRecalc, "statsAutoRecalc");
        Objects.requireNonNull(pageChecksum, "pageChecksum");
        Objects.requireNonNull(transactional, "transactional");
        Objects.requireNonNull(connection, "connection");
        engineOptions = List.copyOf(Objects.requireNonNull(engineOptions, "engineOptions"));
        if (keyBlockSize < 0 || minRows < 0 || maxRows < 0 || avgRowLength < 0 || statsSamplePages < 0) {
            throw new IllegalArgumentException("negative table option value");
        }
    }
}
