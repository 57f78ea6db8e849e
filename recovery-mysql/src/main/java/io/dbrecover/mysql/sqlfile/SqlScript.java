package io.dbrecover.mysql.sqlfile;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Splits a SQL script (a schema file, a mysqldump of any size) into statements the way the {@code mariadb} client
 * does, streaming: {@code ;} inside {@code '…'}, {@code "…"} and {@code `…`} (backslash escapes, doubled quotes),
 * {@code --} and {@code #} comments and {@code /* *}{@code /} comments do not end a statement, executable comments
 * ({@code /*!40101 …*}{@code /}, {@code /*M!100101 …*}{@code /}) are statement text (the server interprets them), and
 * the client command {@code DELIMITER xx} changes the delimiter as in mysqldump's trigger and routine sections.
 *
 * <p>Only statements that shape tables are returned ({@link Kind}); everything else (INSERT, LOCK TABLES, views,
 * triggers, routines, grants…) is read past without being kept in memory and only counted, by kind, in
 * {@link #skipped()}: a dump with gigabytes of data costs time, not memory. A kept statement longer than the bound
 * ends the reading with {@link ErrorCode#UNSUPPORTED_FORMAT}; a file ending inside a string or comment with
 * {@link ErrorCode#CORRUPT_INPUT} (a truncated file). Both name the file and the line.
 */
final class SqlScript implements AutoCloseable {
    /** The default bound for a kept statement: no real CREATE TABLE comes near it. */
    public static final int DEFAULT_MAX_STATEMENT_CHARS = 16 * 1024 * 1024;
    private static final int BUFFER = 64 * 1024;
    private static final int MAX_DELIMITER = 16;
    private static final int EOF = -1;

    private final Reader in;
    private final Path file;
    private final int maxStatementChars;
    private final char[] buf = new char[BUFFER];
    private int pos;
    private int limit;
    private boolean eof;
    private long line = 1;
    private long statementLine = 1;
    private String delimiter = ";";
    private boolean backslashEscapes = true;
    private final Map<String, Long> skipped = new TreeMap<>();

    /** What a kept statement does. */
    public enum Kind {
        CREATE_DATABASE, ALTER_DATABASE, DROP_DATABASE, USE, CREATE_TABLE, ALTER_TABLE, DROP_TABLE, RENAME_TABLE,
        CREATE_INDEX, DROP_INDEX, SET
    }

    /**
     * A kept statement.
     *
     * @param kind what it does
     * @param text the statement as in the file, without the delimiter and without comments before it
     * @param line the line it starts on (1-based)
     * @param database the database it names ({@code USE d}, {@code CREATE DATABASE d}, {@code CREATE TABLE d.t}),
     *        or {@code null}
     * @param table the table it names, or {@code null}
     */
    public record Statement(Kind kind, String text, long line, String database, String table) {
        public Statement {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(text, "text");
            if (line < 1) {
                throw new IllegalArgumentException("line must be 1 or more: " + line);
            }
        }
    }

    /**
     * @param in the script's text; closed by {@link #close()}
     * @param file where the text comes from, for messages
     */
    public SqlScript(Reader in, Path file) {
        this(in, file, DEFAULT_MAX_STATEMENT_CHARS);
    }

    /** A splitter with another bound for kept statements (tests). */
    public SqlScript(Reader in, Path file, int maxStatementChars) {
        this.in = Objects.requireNonNull(in, "in");
        this.file = Objects.requireNonNull(file, "file");
        if (maxStatementChars < 1) {
            throw new IllegalArgumentException("maxStatementChars must be positive");
        }
        this.maxStatementChars = maxStatementChars;
    }

    /**
     * Whether a backslash escapes the next character in strings (the default); the caller turns this off when
     * the script sets {@code sql_mode} with {@code NO_BACKSLASH_ESCAPES}, as the server then reads strings so.
     */
    public void backslashEscapes(boolean value) {
        backslashEscapes = value;
    }

    /**
     * The line the statement read last (kept or not) starts on; after a {@link ErrorCode#CORRUPT_INPUT} error,
     * the statement the file ends in.
     */
    public long line() {
        return statementLine;
    }

    /** How many statements were skipped, by kind (e.g. {@code INSERT}, {@code CREATE VIEW}), so far. */
    public Map<String, Long> skipped() {
        return Collections.unmodifiableMap(skipped);
    }

    /** The next kept statement, or empty at the end of the script. */
    public Optional<Statement> next() {
        while (true) {
            skipSpaceAndComments();
            if (peek(0) == EOF) {
                return Optional.empty();
            }
            if (delimiterCommand()) {
                continue;
            }
            Statement s = statement();
            if (s != null) {
                return Optional.of(s);
            }
        }
    }

    /** Closes the reader. */
    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw RecoveryException.of(ErrorCode.IO_ERROR, file + ": cannot close: " + e.getMessage()).path(file)
                    .cause(e).build();
        }
    }

    /** Reads one statement; returns null when it was skipped or empty. */
    private Statement statement() {
        long start = line;
        statementLine = start;
        SqlHead head = new SqlHead();
        StringBuilder text = new StringBuilder();
        boolean keep = true;
        boolean inExecutable = false;
        StringBuilder word = new StringBuilder();
        int c;
        while ((c = peek(0)) != EOF) {
            if (atDelimiter()) {
                pos += delimiter.length();
                break;
            }
            int consumed = 1;
            if (c == '\'' || c == '"' || c == '`') {
                head.word(word);
                long quoteLine = line;
                String quoted = quoted((char) c, keep ? text : null, start, head.wantsTokens());
                if (quoted == null) {
                    throw truncated("a " + (c == '`' ? "`quoted` name" : "string") + " starting at line " + quoteLine,
                            quoteLine);
                }
                head.quoted((char) c, quoted);
                consumed = 0;
            } else if (c == '#' || c == '-' && peek(1) == '-' && isSpaceOrEnd(peek(2))) {
                head.word(word);
                consumed = 0;
                lineComment(keep ? text : null);
            } else if (c == '/' && peek(1) == '*') {
                head.word(word);
                int marker = executableMarker();
                if (marker > 0) {
                    inExecutable = true;
                    consumed = marker;
                } else {
                    consumed = 0;
                    blockComment(keep ? text : null);
                }
            } else if (inExecutable && c == '*' && peek(1) == '/') {
                head.word(word);
                inExecutable = false;
                consumed = 2;
            } else if (SqlHead.isWordChar((char) c)) {
                if (word.length() < SqlHead.MAX_TOKEN && head.wantsTokens()) {
                    word.append((char) c);
                }
            } else {
                head.word(word);
                head.punctuation((char) c);
            }
            if (consumed > 0) {
                if (keep) {
                    text.append(buf, pos, consumed);
                }
                advance(consumed);
            }
            if (keep && head.decided() && !head.kept()) {
                keep = false;
                text.setLength(0);
            }
            if (keep && text.length() > maxStatementChars) {
                throw tooLong(start);
            }
        }
        head.word(word);
        head.end();
        if (!head.kept()) {
            if (head.label() != null) {
                skipped.merge(head.label(), 1L, Long::sum);
            }
            return null;
        }
        return new Statement(head.kind(), text.toString().strip(), start, head.database(), head.table());
    }

    /** {@code DELIMITER xx} at the start of a statement: a client command ending at the end of its line. */
    private boolean delimiterCommand() {
        String keyword = "delimiter";
        for (int i = 0; i < keyword.length(); i++) {
            int c = peek(i);
            if (c == EOF || Character.toLowerCase((char) c) != keyword.charAt(i)) {
                return false;
            }
        }
        int after = peek(keyword.length());
        if (after != ' ' && after != '\t') {
            return false;
        }
        long at = line;
        advance(keyword.length());
        StringBuilder rest = new StringBuilder();
        int c;
        while ((c = peek(0)) != EOF && c != '\n') {
            if (rest.length() <= MAX_DELIMITER + 256) {
                rest.append((char) c);
            }
            advance(1);
        }
        String[] words = rest.toString().strip().split("\\s+");
        String value = words[0];
        if (value.isEmpty() || value.length() > MAX_DELIMITER || value.contains("\\")) {
            throw RecoveryException.of(ErrorCode.CORRUPT_INPUT, file + " line " + at
                            + ": DELIMITER needs a delimiter of 1 to " + MAX_DELIMITER
                                    + " characters without a backslash")
                    .path(file).hint("fix that DELIMITER line in a copy of the file").build();
        }
        delimiter = value;
        return true;
    }

    private boolean atDelimiter() {
        for (int i = 0; i < delimiter.length(); i++) {
            if (peek(i) != delimiter.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The length of an executable comment's opening ({@code /*!}, {@code /*!40101}, {@code /*M!100101}), or 0 for
     * a plain comment. Versions of 999999 and up are never run by any server (mariadb-dump hides client commands
     * behind them), so they are plain comments.
     */
    private int executableMarker() {
        int i = 2;
        if (peek(i) == 'M' && peek(i + 1) == '!') {
            i += 2;
        } else if (peek(i) == '!') {
            i++;
        } else {
            return 0;
        }
        int version = 0;
        int digits = 0;
        while (digits < 6 && peek(i) >= '0' && peek(i) <= '9') {
            version = version * 10 + peek(i) - '0';
            digits++;
            i++;
        }
        return version >= 999_999 ? 0 : i;
    }

    /** Skips whitespace and comments between statements (they are not part of the next statement's text). */
    private void skipSpaceAndComments() {
        while (true) {
            int c = peek(0);
            if (c == EOF) {
                return;
            }
            if (c <= ' ' || c == '\uFEFF') {
                // a byte order mark is no statement
                advance(1);
            } else if (c == '#' || c == '-' && peek(1) == '-' && isSpaceOrEnd(peek(2))) {
                lineComment(null);
            } else if (c == '/' && peek(1) == '*' && executableMarker() == 0) {
                blockComment(null);
            } else {
                return;
            }
        }
    }

    private void lineComment(StringBuilder text) {
        int c;
        while ((c = peek(0)) != EOF && c != '\n') {
            if (text != null) {
                text.append((char) c);
            }
            advance(1);
        }
    }

    private void blockComment(StringBuilder text) {
        long at = line;
        if (text != null) {
            text.append("/*");
        }
        advance(2);
        while (true) {
            int c = peek(0);
            if (c == EOF) {
                throw truncated("a /* comment starting at line " + at, at);
            }
            if (c == '*' && peek(1) == '/') {
                if (text != null) {
                    text.append("*/");
                }
                advance(2);
                return;
            }
            if (text != null) {
                text.append((char) c);
            }
            advance(1);
        }
    }

    /**
     * Reads a quoted string or name from its opening quote to its closing one, appending the raw text to
     * {@code text} (when kept); returns its content (bounded, for naming; empty unless {@code collect}) or null when
     * the file ends inside it.
     */
    private String quoted(char quote, StringBuilder text, long statementLine, boolean collect) {
        StringBuilder content = collect ? new StringBuilder() : null;
        if (text != null) {
            text.append(quote);
        }
        advance(1);
        while (true) {
            int c = peek(0);
            if (c == EOF) {
                return null;
            }
            int n = 1;
            char literal = (char) c;
            if (c == quote) {
                if (peek(1) != quote) {
                    if (text != null) {
                        text.append(quote);
                    }
                    advance(1);
                    return content == null ? "" : content.toString();
                }
                n = 2;
            } else if (c == '\\' && quote != '`' && backslashEscapes && peek(1) != EOF) {
                n = 2;
                literal = (char) peek(1);
            }
            if (content != null && content.length() < SqlHead.MAX_TOKEN) {
                content.append(literal);
            }
            if (text != null) {
                text.append(buf, pos, n);
                if (text.length() > maxStatementChars) {
                    throw tooLong(statementLine);
                }
            }
            advance(n);
        }
    }

    private RecoveryException tooLong(long statementLine) {
        return RecoveryException.of(ErrorCode.UNSUPPORTED_FORMAT, file + ": the statement at line " + statementLine
                        + " is longer than " + maxStatementChars + " characters")
                .path(file).hint("no CREATE/ALTER TABLE statement is this long: check that the file is SQL, or cut "
                        + "that statement out of a copy of it").build();
    }

    private RecoveryException truncated(String what, long at) {
        return RecoveryException.of(ErrorCode.CORRUPT_INPUT, file + " line " + at + ": the file ends inside " + what)
                .path(file).hint("the file looks truncated or has an unbalanced quote there; the statements before "
                        + "that line were read").build();
    }

    private static boolean isSpaceOrEnd(int c) {
        return c == EOF || c <= ' ';
    }

    /** Moves past {@code n} characters already in the buffer (see {@link #peek}), counting lines. */
    private void advance(int n) {
        for (int i = 0; i < n; i++) {
            if (buf[pos + i] == '\n') {
                line++;
            }
        }
        pos += n;
    }

    /** The character {@code k} places ahead, or {@link #EOF}; {@code k} is below {@link #MAX_DELIMITER} + 8. */
    private int peek(int k) {
        if (pos + k < limit) {
            return buf[pos + k];
        }
        fill(k + 1);
        return pos + k < limit ? buf[pos + k] : EOF;
    }

    private void fill(int wanted) {
        if (eof) {
            return;
        }
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
        try {
            while (limit - pos < wanted) {
                int n = in.read(buf, limit, buf.length - limit);
                if (n < 0) {
                    eof = true;
                    return;
                }
                limit += n;
            }
        } catch (IOException e) {
            throw RecoveryException.of(ErrorCode.IO_ERROR, file + ": cannot read at line " + line + ": "
                    + e.getMessage()).path(file).cause(e).build();
        }
    }
}
