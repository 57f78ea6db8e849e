package io.dbrecover.mysql.frm;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.mysql.model.Identifiers;
import io.dbrecover.mysql.model.SqlModes;
import io.dbrecover.mysql.model.TriggerDefinition;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads a {@code .TRG} file (text, {@code TYPE=TRIGGERS}): every trigger of one table, in firing order.
 *
 * <p>Keys used: {@code triggers} (quoted CREATE TRIGGER statements), {@code sql_modes}, {@code definers},
 * {@code client_cs_names}, {@code connection_cl_names}, {@code db_cl_names}, {@code created}; the lists are
 * parallel. Name, timing and event are parsed from each statement, since the file stores them nowhere else
 * (the {@code .TRN} files only map names to tables).
 */
public final class TriggerFileReader {
    private static final long ANSI_QUOTES = 4;
    /** sql_mode ORACLE (bit 9): bodies in PL/SQL syntax. */
    private static final long ORACLE = 1L << 9;
    /** sql_mode NO_BACKSLASH_ESCAPES (bit 20): a backslash in a string is itself. */
    private static final long NO_BACKSLASH_ESCAPES = 1L << 20;

    private TriggerFileReader() {
    }

    /** True when the bytes are a trigger file. */
    public static boolean isTriggerFile(byte[] data) {
        return TextDefinitionFile.startsWith(data, "TRIGGERS");
    }

    /** The bytes of a {@code .TRG}, bounded as every text definition file. */
    public static byte[] readBytes(Path file) {
        return TextDefinitionFile.readBytes(file, ".TRG");
    }

    /** Reads the file; the table name comes from the file name ({@code t.TRG}). */
    public static List<TriggerDefinition> read(Path file) {
        byte[] data = TextDefinitionFile.readBytes(file, ".TRG");
        Path name = file.getFileName();
        return read(file, data, name == null ? "" : name.toString());
    }

    /** Reads a file already in memory; {@code fileName} gives the table name. */
    public static List<TriggerDefinition> read(Path file, byte[] data, String fileName) {
        return read(file, data, fileName, null);
    }

    /**
     * Reads a file already in memory, checking every NEW/OLD reference against the table's columns when they are
     * known.
     *
     * @param columns the names of the table's columns (from its {@code .frm}), or {@code null} when unknown
     */
    public static List<TriggerDefinition> read(Path file, byte[] data, String fileName, Set<String> columns) {
        Set<String> lower = columns == null ? null
                : columns.stream().map(c -> c.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        String table = TableFileName.decode(fileName).orElseThrow(() -> TextDefinitionFile.corrupt(file, -1,
                "file name '" + fileName + "' is not a valid encoded table name"));
        String tableProblem = TableFileName.problem(table);
        if (tableProblem != null) {
            throw TextDefinitionFile.corrupt(file, -1, "the file name gives the table name '" + table + "', which "
                    + "is no valid name: " + tableProblem);
        }
        TextDefinitionFile f = TextDefinitionFile.parse(file, data, "TRIGGERS");
        List<byte[]> statements = f.quotedList("triggers");
        if (!f.has("triggers")) {
            throw TextDefinitionFile.corrupt(file, data.length, "the key 'triggers' is missing");
        }
        List<Long> modes = f.numberList("sql_modes");
        List<byte[]> definers = f.quotedList("definers");
        List<byte[]> clientCs = f.quotedList("client_cs_names");
        List<byte[]> connectionCl = f.quotedList("connection_cl_names");
        List<byte[]> dbCl = f.quotedList("db_cl_names");
        List<Long> created = f.numberList("created");
        int n = statements.size();
        requireParallel(file, f, "sql_modes", modes.size(), n);
        List<TriggerDefinition> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String cs = f.charsetName("client_cs_names", ascii(clientCs, i));
            if (!cs.isEmpty() && !JavaCharsets.known(cs)) {
                throw TextDefinitionFile.unsupported(file, f.offsetOf("client_cs_names"), "trigger " + (i + 1)
                        + ": character set " + cs + " is unknown");
            }
            Charset charset = cs.isEmpty() ? StandardCharsets.UTF_8 : JavaCharsets.forMySql(cs);
            String statement = f.decode(statements.get(i), charset, f.offsetOf("triggers"), "triggers[" + i + "]");
            f.check("triggers", "the statement of trigger " + (i + 1), Identifiers.statementProblem(statement));
            long mode = modes.get(i);
            String modeNames;
            try {
                modeNames = SqlModes.names(mode);
            } catch (IllegalArgumentException e) {
                throw TextDefinitionFile.unsupported(file, f.offsetOf("sql_modes"), "trigger " + (i + 1) + ": "
                        + e.getMessage());
            }
            String modeProblem = SqlModes.problem(mode);
            if (modeProblem != null) {
                throw TextDefinitionFile.corrupt(file, f.offsetOf("sql_modes"), "trigger " + (i + 1) + ": its sql_mode "
                        + "holds " + modeProblem);
            }
            String[] head = head(file, statement, (mode & ANSI_QUOTES) != 0, i, f.offsetOf("triggers"));
            if (head[3].equalsIgnoreCase(table) && !head[3].equals(table)) {
                // a server with lower_case_table_names=1 keeps the statement as typed: a case-sensitive server
                // refuses it as it is
                throw TextDefinitionFile.unsupported(file, f.offsetOf("triggers"), "trigger " + (i + 1)
                        + " is defined ON " + head[3] + ", but the file holds the triggers of " + table
                                + " (written by "
                        + "a server with lower_case_table_names=1?): edit its statement to name " + table);
            }
            if (!head[3].equalsIgnoreCase(table)) {
                throw TextDefinitionFile.corrupt(file, f.offsetOf("triggers"), "trigger " + (i + 1) + " is defined "
                        + "ON " + head[3] + ", but the file holds the triggers of " + table);
            }
            String listed = i < definers.size() ? f.decode(definers.get(i), StandardCharsets.UTF_8,
                    f.offsetOf("definers"), "definers") : null;
            String grammar = TriggerStatement.problem(statement, (mode & ANSI_QUOTES) != 0, (mode & ORACLE) != 0,
                    (mode & NO_BACKSLASH_ESCAPES) != 0, head[1], head[2], lower, listed);
            if (grammar != null) {
                throw TextDefinitionFile.corrupt(file, f.offsetOf("triggers"), "trigger " + (i + 1) + " is no "
                        + "statement the server stores: " + grammar);
            }
            String definer = i < definers.size() ? f.decode(definers.get(i), StandardCharsets.UTF_8,
                    f.offsetOf("definers"), "definers") : "";
            f.check("definers", "the definer of trigger " + (i + 1), Identifiers.accountProblem(definer,
                    Identifiers.MAX_USER + 1 + Identifiers.MAX_HOST));
            if (Identifiers.nameProblem(head[0]) != null) {
                throw TextDefinitionFile.corrupt(file, f.offsetOf("triggers"), "trigger " + (i + 1) + ": its name '"
                        + head[0] + "' is no valid name: " + Identifiers.nameProblem(head[0]));
            }
            try {
                out.add(new TriggerDefinition(head[0], table, head[1], head[2], statement, mode, modeNames, definer,
                        cs, f.charsetName("connection_cl_names", ascii(connectionCl, i)),
                        f.charsetName("db_cl_names", ascii(dbCl, i)),
                        i < created.size() ? Long.toString(created.get(i)) : ""));
            } catch (IllegalArgumentException e) {
                throw RecoveryException.of(ErrorCode.CORRUPT_INPUT, file + ": damaged trigger definition: "
                        + e.getMessage()).path(file).cause(e).build();
            }
        }
        return out;
    }

    private static void requireParallel(Path file, TextDefinitionFile f, String key, int size, int triggers) {
        if (size != triggers) {
            throw TextDefinitionFile.corrupt(file, Math.max(0, f.offsetOf(key)), "'" + key + "' has " + size
                    + " items for " + triggers + " triggers");
        }
    }

    private static String ascii(List<byte[]> list, int i) {
        return i < list.size() ? new String(list.get(i), StandardCharsets.US_ASCII) : "";
    }

    /** Name, timing and event from {@code CREATE [DEFINER=…] TRIGGER [IF NOT EXISTS] name BEFORE INSERT ON …}. */
    static String[] head(Path file, String statement, boolean ansiQuotes, int index, long offset) {
        SqlTokens t = new SqlTokens(statement, ansiQuotes);
        String tok;
        while ((tok = t.next()) != null) {
            if (t.lastWasWord() && tok.equalsIgnoreCase("TRIGGER")) {
                break;
            }
        }
        String name = t.next();
        if (name != null && t.lastWasWord() && name.equalsIgnoreCase("IF")) {
            t.next(); // NOT
            t.next(); // EXISTS
            name = t.next();
        }
        String timing = t.next();
        if (".".equals(timing)) { // db.trigger
            name = t.next();
            timing = t.next();
        }
        String event = t.next();
        String on = t.next();
        String onTable = t.next();
        if (".".equals(t.peek())) { // ON db.table
            t.next();
            onTable = t.next();
        }
        if (name == null || timing == null || event == null) {
            throw TextDefinitionFile.corrupt(file, offset, "trigger " + (index + 1)
                    + ": cannot find 'TRIGGER name BEFORE|AFTER INSERT|UPDATE|DELETE' in its statement");
        }
        timing = timing.toUpperCase(Locale.ROOT);
        event = event.toUpperCase(Locale.ROOT);
        if (!timing.matches("BEFORE|AFTER") || !event.matches("INSERT|UPDATE|DELETE")) {
            throw TextDefinitionFile.corrupt(file, offset, "trigger " + (index + 1) + ": '" + timing + " " + event
                    + "' is not a trigger timing and event");
        }
        if (!"ON".equalsIgnoreCase(on) || onTable == null) {
            throw TextDefinitionFile.corrupt(file, offset, "trigger " + (index + 1)
                    + ": cannot find 'ON table' after its timing and event");
        }
        return new String[] {name, timing, event, onTable};
    }

    /**
     * A minimal MySQL tokenizer: words, identifiers (back-quoted, or double-quoted under ANSI_QUOTES) with their
     * quotes removed, strings skipped as one token, comments skipped, other characters one by one.
     */
    static final class SqlTokens {
        private final String s;
        private final boolean ansiQuotes;
        private int pos;
        private boolean word;

        SqlTokens(String s, boolean ansiQuotes) {
            this.s = s;
            this.ansiQuotes = ansiQuotes;
        }

        boolean lastWasWord() {
            return word;
        }

        /** The next token without taking it. */
        String peek() {
            int saved = pos;
            boolean savedWord = word;
            String tok = next();
            pos = saved;
            word = savedWord;
            return tok;
        }

        String next() {
            skipSpaceAndComments();
            word = false;
            if (pos >= s.length()) {
                return null;
            }
            char c = s.charAt(pos);
            if (c == '`' || (c == '"' && ansiQuotes)) {
                return quoted(c);
            }
            if (c == '\'' || c == '"') {
                quoted(c);
                return "'";
            }
            if (Character.isLetterOrDigit(c) || c == '_' || c == '$' || c > 0x7F) {
                int start = pos;
                while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_'
                        || s.charAt(pos) == '$' || s.charAt(pos) > 0x7F)) {
                    pos++;
                }
                word = true;
                return s.substring(start, pos);
            }
            pos++;
            return String.valueOf(c);
        }

        private String quoted(char q) {
            StringBuilder sb = new StringBuilder();
            pos++;
            while (pos < s.length()) {
                char c = s.charAt(pos++);
                if (c == q) {
                    if (pos < s.length() && s.charAt(pos) == q) {
                        sb.append(q);
                        pos++;
                        continue;
                    }
                    return sb.toString();
                }
                if (c == '\\' && q != '`' && pos < s.length()) {
                    sb.append(s.charAt(pos++));
                    continue;
                }
                sb.append(c);
            }
            return sb.toString();
        }

        private void skipSpaceAndComments() {
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (Character.isWhitespace(c)) {
                    pos++;
                } else if (c == '#' || (s.startsWith("--", pos) && (pos + 2 >= s.length()
                        || Character.isWhitespace(s.charAt(pos + 2))))) {
                    while (pos < s.length() && s.charAt(pos) != '\n') {
                        pos++;
                    }
                } else if (s.startsWith("/*", pos) && !s.startsWith("/*!", pos) && !s.startsWith("/*M!", pos)) {
                    int end = s.indexOf("*/", pos + 2);
                    pos = end < 0 ? s.length() : end + 2;
                } else {
                    return;
                }
            }
        }
    }
}
