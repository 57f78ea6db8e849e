package io.dbrecover.mysql.frm;

import io.dbrecover.mysql.model.Column;
import io.dbrecover.mysql.model.ColumnType;
import io.dbrecover.mysql.model.DataType;
import io.dbrecover.mysql.model.Index;
import io.dbrecover.mysql.model.IndexAlgorithm;
import io.dbrecover.mysql.model.IndexKind;
import io.dbrecover.mysql.model.IndexPart;
import java.util.ArrayList;
import java.util.List;

/** Turns stored keys into {@link Index} records (docs/formats/frm.md §7). */
final class IndexDecoder {
    private static final int ALG_BTREE = 1;
    private static final int ALG_RTREE = 2;
    private static final int ALG_HASH = 3;
    private static final int ALG_LONG_HASH = 5;

    private final FrmBytes b;
    private final Extra2 extra2;
    private final List<Column> columns;
    private final List<RawColumn> raw;
    private final List<DataType> types;
    private final List<String> parsers;
    private final EngineOptions engineOptions;

    IndexDecoder(FrmBytes b, Extra2 extra2, List<Column> columns, List<RawColumn> raw, List<DataType> types,
                 List<String> parsers, EngineOptions engineOptions) {
        this.b = b;
        this.extra2 = extra2;
        this.columns = columns;
        this.raw = raw;
        this.types = types;
        this.parsers = parsers;
        this.engineOptions = engineOptions;
    }

    List<Index> decode(List<KeySection.RawKey> keys) {
        List<Index> out = new ArrayList<>(keys.size());
        int parserIndex = 0;
        for (int k = 0; k < keys.size(); k++) {
            KeySection.RawKey key = keys.get(k);
            int flags = key.flags();
            IndexKind kind;
            if (key.name().equals("PRIMARY")) {
                kind = IndexKind.PRIMARY;
            } else if ((flags & KeySection.FLAG_FULLTEXT) != 0 || key.algorithm() == 4) {
                kind = IndexKind.FULLTEXT;
            } else if ((flags & KeySection.FLAG_SPATIAL) != 0) {
                kind = IndexKind.SPATIAL;
            } else if ((flags & KeySection.FLAG_UNIQUE) != 0 || key.algorithm() == ALG_LONG_HASH) {
                kind = IndexKind.UNIQUE;
            } else {
                kind = IndexKind.KEY;
            }
            List<KeySection.RawPart> rawParts = key.parts();
            String overlapsPeriod = null;
            if (extra2.withoutOverlaps().contains(k) && extra2.applicationPeriod() != null) {
                if (rawParts.size() < 3) {
                    throw b.corrupt(6, "WITHOUT OVERLAPS key " + key.name() + " lacks the period's parts");
                }
                rawParts = rawParts.subList(0, rawParts.size() - 2);
                overlapsPeriod = extra2.applicationPeriod().name();
            }
            List<IndexPart> parts = new ArrayList<>();
            for (KeySection.RawPart p : rawParts) {
                parts.add(new IndexPart(columns.get(p.field()).name(), prefix(kind, key, p), p.descending()));
            }
            IndexAlgorithm algorithm;
            switch (key.algorithm()) {
                case ALG_BTREE: algorithm = IndexAlgorithm.BTREE; break;
                case ALG_RTREE: algorithm = kind == IndexKind.SPATIAL ? IndexAlgorithm.DEFAULT : IndexAlgorithm.RTREE;
                    break;
                case ALG_HASH: case ALG_LONG_HASH: algorithm = IndexAlgorithm.HASH; break;
                default: algorithm = IndexAlgorithm.DEFAULT;
            }
            String parser = null;
            if ((flags & KeySection.FLAG_PARSER) != 0 && kind == IndexKind.FULLTEXT) {
                parser = parserIndex < parsers.size() ? parsers.get(parserIndex) : null;
                parserIndex++;
            }
            int blockSize = (flags & KeySection.FLAG_BLOCK_SIZE) != 0 ? key.blockSize() : 0;
            out.add(new Index(kind, key.name(), parts, algorithm, key.comment(), parser, blockSize,
                    extra2.indexIgnored(k), overlapsPeriod, engineOptions.key(k)));
        }
        return out;
    }

    /** Prefix length in characters, 0 when the part covers the whole column. */
    private int prefix(IndexKind kind, KeySection.RawKey key, KeySection.RawPart p) {
        if (kind == IndexKind.FULLTEXT || kind == IndexKind.SPATIAL || key.algorithm() == ALG_LONG_HASH) {
            return 0;
        }
        DataType t = types.get(p.field());
        RawColumn c = raw.get(p.field());
        int maxLen = t.charset() != null ? t.charset().maxBytesPerChar() : 1;
        boolean lob = t.type().isLob();
        boolean string = t.type().family() == ColumnType.Family.STRING || t.type().family() == ColumnType.Family.BINARY;
        if (!lob && !(string && p.length() != (t.compressed() ? c.length() - 1 : c.length()))) {
            return 0;
        }
        if (p.length() == 0) {
            return 0;
        }
        return p.length() / maxLen;
    }
}
