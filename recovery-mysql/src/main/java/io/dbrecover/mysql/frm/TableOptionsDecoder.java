package io.dbrecover.mysql.frm;

import io.dbrecover.mysql.model.EngineOption;
import io.dbrecover.mysql.model.RowFormat;
import io.dbrecover.mysql.model.StorageEngines;
import io.dbrecover.mysql.model.Switch;
import io.dbrecover.mysql.model.TableOptions;
import java.util.List;
import java.util.Map;

/** Table options from the header, the extra segment and extra2 (docs/formats/frm.md §2, §9, §11). */
final class TableOptionsDecoder {
    private static final int PACK_KEYS_ON = 2;
    private static final int CHECKSUM = 32;
    private static final int DELAY_KEY_WRITE = 64;
    private static final int PACK_KEYS_OFF = 128;
    private static final int STATS_PERSISTENT_ON = 4096;
    private static final int STATS_PERSISTENT_OFF = 8192;

    /** Engine codes fixed at compile time of the server; codes ≥ 42 are assigned at run time and mean nothing. */
    private static final Map<Integer, String> LEGACY_ENGINES = Map.of(6, "MEMORY", 9, "MyISAM", 10, "MRG_MyISAM",
            12, "InnoDB", 14, "ndbcluster", 16, "ARCHIVE", 17, "CSV", 18, "FEDERATED", 19, "BLACKHOLE", 27, "Aria");

    private final FrmBytes b;
    private final FrmHeader h;
    private final Extra2 extra2;
    private final ExtraSegment extra;

    TableOptionsDecoder(FrmBytes b, FrmHeader h, Extra2 extra2, ExtraSegment extra) {
        this.b = b;
        this.h = h;
        this.extra2 = extra2;
        this.extra = extra;
    }

    TableOptions decode(List<EngineOption> engineOptions) {
        String engine = extra.engine();
        if (engine == null || engine.isEmpty()) {
            engine = legacy(h.legacyEngine(), 3);
        } else {
            agrees(engine, h.legacyEngine(), 3);
        }
        if (engine.equalsIgnoreCase("partition")) {
            if (extra2.partitionEngine() != null) {
                engine = extra2.partitionEngine();
                agrees(engine, h.partitionEngine(), 61);
            } else {
                engine = legacy(h.partitionEngine(), 61);
            }
        }
        int opts = h.tableOptions();
        Switch packKeys = (opts & PACK_KEYS_ON) != 0 ? Switch.ON : (opts & PACK_KEYS_OFF) != 0 ? Switch.OFF
                : Switch.UNSET;
        Switch statsPersistent = (opts & STATS_PERSISTENT_ON) != 0 ? Switch.ON
                : (opts & STATS_PERSISTENT_OFF) != 0 ? Switch.OFF : Switch.UNSET;
        Switch autoRecalc = h.statsAutoRecalc() == 1 ? Switch.ON : h.statsAutoRecalc() == 2 ? Switch.OFF
                : Switch.UNSET;
        int m = h.mariaExtra2() ? h.mariaFlags() : 0;
        return new TableOptions(engine, FrmReader.tableCollation(b, h), rowFormat(),
                h.keyBlockSize(), h.minRows(), h.maxRows(), avgRowLength(), packKeys, statsPersistent, autoRecalc,
                h.statsSamplePages(), (opts & CHECKSUM) != 0, twoBits(m >> 2), (opts & DELAY_KEY_WRITE) != 0,
                twoBits(m), ((m >> 4) & 3) == 2, extra.connection(), engineOptions);
    }

    /**
     * Codes above PAGE were written by forks with extra engines (TokuDB, see {@link TokuDb}); MariaDB warns "invalid
     * value for the field row_format" and opens the table with the default row format, and so do we (with a note).
     */
    RowFormat rowFormat() {
        return h.rowFormat() < RowFormat.values().length ? RowFormat.values()[h.rowFormat()] : RowFormat.DEFAULT;
    }

    boolean unknownRowFormat() {
        return h.rowFormat() >= RowFormat.values().length;
    }

    private long avgRowLength() {
        return h.avgRowLength();
    }

    private static Switch twoBits(int v) {
        switch (v & 3) {
            case 1: return Switch.OFF;
            case 2: return Switch.ON;
            default: return Switch.UNSET;
        }
    }

    /**
     * The engine name and the legacy engine code are written together; where both are fixed (InnoDB is 12 in every
     * server) they must agree, or one of them is damaged.
     */
    private void agrees(String name, int code, long offset) {
        Integer expected = StorageEngines.fixedCode(name).orElse(null);
        if (expected != null && StorageEngines.isFixedCode(code) && code != expected) {
            throw b.corrupt(offset, "the engine is named " + name + " (code " + expected + ") but its code here is "
                    + code);
        }
    }

    private String legacy(int code, long offset) {
        String name = LEGACY_ENGINES.get(code);
        if (name == null) {
            throw b.unsupported(offset, "the engine is not named in the file and its code " + code
                    + " is assigned at run time");
        }
        return name;
    }
}
