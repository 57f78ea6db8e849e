package io.dbrecover.mysql.transplant;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.mysql.ibd.LayoutCheck;

/**
 * One table to transplant, as the {@link Assessment} found it: where it comes from, and what its file says (or why
 * it cannot go).
 *
 * @param source      the table's files and definition
 * @param facts       what page 0 of its tablespace says, or {@code null} when it was not read
 * @param problem     why it cannot be transplanted, or {@code null}
 * @param problemCode the error code of the problem
 * @param hint        what to try next, or {@code null}
 * @param layout      the check of its definition against the file's first records, or {@code null}
 */
record Work(TableSource source, FileFacts facts, String problem, ErrorCode problemCode, String hint,
            LayoutCheck layout) {
}
