package io.dbrecover.mysql.ibd;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Test helper: turns a copy of an old-format tablespace written by MariaDB (FSP flags 0, COMPACT or REDUNDANT, crc32
 * checksums) into the layout MySQL 5.0 wrote, for want of a MySQL 5.0 server: pages 0, 1 and 2 (the tablespace
 * header, the insert-buffer bitmap and the inode page) get page type 0, since 5.0 typed only index and undo pages,
 * and every written page gets the legacy "innodb" checksums 5.0 wrote (the fold over header and body at byte 0, the
 * fold over bytes 0–25 at the trailer). Pages never written (all zeros) stay zeros. Index pages keep their type.
 */
public final class Mysql50Files {
    private Mysql50Files() {
    }

    /** Rewrites the file in place; it must be a copy made for the test. */
    public static void age(Path copy) throws IOException {
        byte[] file = Files.readAllBytes(copy);
        int pageSize = 16384;
        if (ByteBuffer.wrap(file).getInt(54) != 0 || file.length % pageSize != 0) {
            throw new IllegalArgumentException(copy + " is no 16K tablespace with FSP flags 0");
        }
        for (int off = 0; off < file.length; off += pageSize) {
            byte[] page = Arrays.copyOfRange(file, off, off + pageSize);
            if (Bytes.allZero(page, 0, page.length)) {
                continue;
            }
            int pageNo = off / pageSize;
            if (pageNo <= 2) {
                page[24] = 0;
                page[25] = 0;
            }
            PageChecksums.write(page, Checksum.INNODB);
            System.arraycopy(page, 0, file, off, pageSize);
        }
        Files.write(copy, file);
    }
}
