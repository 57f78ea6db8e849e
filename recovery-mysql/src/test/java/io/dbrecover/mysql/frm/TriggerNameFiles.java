package io.dbrecover.mysql.frm;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Test access to the text-definition parser for {@code .TRN} files ({@code TYPE=TRIGGERNAME}, one key
 * {@code trigger_table}): the product reads no {@code .TRN} (the {@code .TRG} holds the triggers), but the parser
 * it would go through is the one the view and trigger readers share, and the fuzz tests run it over them.
 */
public final class TriggerNameFiles {
    private TriggerNameFiles() {
    }

    /** The table a trigger name file names; a damaged file is a typed error. */
    public static String table(Path file, byte[] data) {
        TextDefinitionFile f = TextDefinitionFile.parse(file, data, "TRIGGERNAME");
        String table = f.required("trigger_table", StandardCharsets.UTF_8);
        f.check("trigger_table", "the table name", TableFileName.problem(table));
        return table;
    }
}
