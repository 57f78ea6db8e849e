package io.dbrecover.mysql.frm;

import io.dbrecover.mysql.model.CharsetCollation;
import io.dbrecover.mysql.model.Collations;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Re-prints a generated-column expression of a MariaDB 5.2–10.1 {@code .frm} (stored as the user typed it) the way
 * MariaDB 10.11's {@code SHOW CREATE TABLE} prints it after parsing: quoted column names, lower-case built-in
 * function names (some renamed, e.g. {@code substring} → {@code substr}), spaces around operators, parentheses only
 * where precedence needs them, {@code as char(N) charset X} with the table's character set.
 *
 * <p>Only forms whose printing was measured against the server are re-printed (docs/formats/frm.md §5.5,
 * measured pairs in the test resource {@code frm/legacy-expressions.tsv}). Anything else (an unknown function,
 * operator or syntax, a predicate where the server's printing was seen to differ from plain precedence) leaves
 * the whole expression as stored: still valid SQL that the server accepts, only spelt differently.
 */
final class LegacyExpression {
    /** The legacy layout stores at most 255 bytes; the bound keeps recursion shallow on damaged input. */
    private static final int MAX_LENGTH = 1024;
    private static final int MAX_DEPTH = 64;

    private LegacyExpression() {
    }

    /**
     * The expression as MariaDB 10.11 prints it, or empty when it uses a form this printer does not know.
     *
     * @param stored the expression text of the file
     * @param columns the table's column names (for identifier case and to reject unknown names)
     * @param table the table's default collation: {@code CAST(… AS CHAR)} takes its character set
     */
    static Optional<String> reprint(String stored, List<String> columns, CharsetCollation table) {
        if (stored.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        try {
            Parser p = new Parser(Lexer.tokens(stored), columns, table);
            Node n = p.expression();
            p.expectEnd();
            return Optional.of(n.print());
        } catch (UnknownForm e) {
            return Optional.empty();
        }
    }

    /** The expression uses something this printer was not measured for. */
    private static final class UnknownForm extends RuntimeException {
        UnknownForm() {
            super(null, null, false, false);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Tokens

    private enum Kind { WORD, QUOTED_ID, NUMBER, HEX, STRING, OP, END }

    private record Token(Kind kind, String text) {
        boolean is(Kind k, String t) {
            return kind == k && text.equalsIgnoreCase(t);
        }

        boolean op(String t) {
            return is(Kind.OP, t);
        }

        boolean word(String t) {
            return is(Kind.WORD, t);
        }
    }

    private static final class Lexer {
        private static final String[] OPERATORS = {"<=>", "<=", ">=", "<>", "!=", "<", ">", "=", "+", "-", "*", "/",
            "%", "(", ")", ","};

        static List<Token> tokens(String s) {
            List<Token> out = new ArrayList<>();
            int i = 0;
            while (i < s.length()) {
                char c = s.charAt(i);
                if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                    i++;
                } else if (c == '`') {
                    StringBuilder sb = new StringBuilder();
                    i = quoted(s, i, '`', sb, false);
                    out.add(new Token(Kind.QUOTED_ID, sb.toString()));
                } else if (c == '\'' || c == '"') {
                    StringBuilder sb = new StringBuilder();
                    i = quoted(s, i, c, sb, true);
                    out.add(new Token(Kind.STRING, sb.toString()));
                } else if (c == '0' && i + 2 < s.length() && s.charAt(i + 1) == 'x' && isHex(s.charAt(i + 2))) {
                    int end = i + 2;
                    while (end < s.length() && isHex(s.charAt(end))) {
                        end++;
                    }
                    requireBoundary(s, end);
                    out.add(new Token(Kind.HEX, s.substring(i, end).toLowerCase(Locale.ROOT)));
                    i = end;
                } else if (isDigit(c) || c == '.' && i + 1 < s.length() && isDigit(s.charAt(i + 1))) {
                    int end = number(s, i);
                    out.add(new Token(Kind.NUMBER, s.substring(i, end)));
                    i = end;
                } else if (isWordChar(c)) {
                    int end = i;
                    while (end < s.length() && isWordChar(s.charAt(end))) {
                        end++;
                    }
                    out.add(new Token(Kind.WORD, s.substring(i, end)));
                    i = end;
                } else {
                    if (s.startsWith("--", i) && (i + 2 == s.length() || Character.isWhitespace(s.charAt(i + 2)))
                            || s.startsWith("/*", i)) {
                        throw new UnknownForm(); // a comment
                    }
                    String op = null;
                    for (String o : OPERATORS) {
                        if (s.startsWith(o, i)) {
                            op = o;
                            break;
                        }
                    }
                    if (op == null) {
                        throw new UnknownForm();
                    }
                    out.add(new Token(Kind.OP, op));
                    i += op.length();
                }
            }
            out.add(new Token(Kind.END, ""));
            return out;
        }

        /** Reads a quoted token from {@code start}; returns the index after its closing quote. */
        private static int quoted(String s, int start, char q, StringBuilder out, boolean escapes) {
            int i = start + 1;
            while (i < s.length()) {
                char c = s.charAt(i);
                if (c == '\\' && escapes && i + 1 < s.length()) {
                    char e = s.charAt(i + 1);
                    switch (e) {
                        case '0': out.append('\0'); break;
                        case 'n': out.append('\n'); break;
                        case 'r': out.append('\r'); break;
                        case 't': out.append('\t'); break;
                        case 'b': out.append('\b'); break;
                        case 'Z': out.append('\u001a'); break;
                        case '%': case '_': out.append('\\').append(e); break; // LIKE escapes keep the backslash
                        default: out.append(e);
                    }
                    i += 2;
                } else if (c == q) {
                    if (i + 1 < s.length() && s.charAt(i + 1) == q) {
                        out.append(q);
                        i += 2;
                    } else {
                        return i + 1;
                    }
                } else {
                    out.append(c);
                    i++;
                }
            }
            throw new UnknownForm(); // unterminated
        }

        private static int number(String s, int i) {
            int end = digits(s, i);
            boolean fraction = end < s.length() && s.charAt(end) == '.';
            if (fraction) {
                end = digits(s, end + 1);
            }
            if (end < s.length() && (s.charAt(end) == 'e' || s.charAt(end) == 'E')) {
                if (fraction && !isDigit(s.charAt(end - 1))) {
                    throw new UnknownForm(); // "1.e3"
                }
                int p = end + 1;
                if (p < s.length() && (s.charAt(p) == '+' || s.charAt(p) == '-')) {
                    p++;
                }
                if (p >= s.length() || !isDigit(s.charAt(p))) {
                    throw new UnknownForm();
                }
                end = digits(s, p);
            }
            requireBoundary(s, end);
            return end;
        }

        private static int digits(String s, int i) {
            while (i < s.length() && isDigit(s.charAt(i))) {
                i++;
            }
            return i;
        }

        /** "1abc" and "0x1g" are identifiers to MariaDB, not numbers: not ours to print. */
        private static void requireBoundary(String s, int end) {
            if (end < s.length() && (isWordChar(s.charAt(end)) || s.charAt(end) == '.')) {
                throw new UnknownForm();
            }
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }

        private static boolean isHex(char c) {
            return isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
        }

        private static boolean isWordChar(char c) {
            return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || isDigit(c) || c == '_' || c == '$' || c >= 0x80;
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Parsed form and its printing

    /** Print precedence, as measured: a child is parenthesised when it binds weaker than its place needs. */
    private static final int OR = 1;
    private static final int XOR = 2;
    private static final int AND = 3;
    private static final int PREDICATE = 6;
    /** {@code x + interval …}: weaker than {@code +}, so {@code (d + interval 1 day) + 1} keeps its parentheses. */
    private static final int DATE_ADD = 9;
    private static final int ADDITIVE = 10;
    private static final int MULTIPLICATIVE = 11;
    private static final int UNARY = 13;
    private static final int PRIMARY = 14;

    private interface Node {
        String print();

        default int precedence() {
            return PRIMARY;
        }

        /** A truth value: a comparison or logical operator. */
        default boolean isBoolean() {
            return false;
        }
    }

    private static String wrap(Node n, boolean parenthesise) {
        return parenthesise ? "(" + n.print() + ")" : n.print();
    }

    private record Literal(String text) implements Node {
        @Override
        public String print() {
            return text;
        }
    }

    /** A decimal number; the parser folds a unary minus into it, as MariaDB does. */
    private record Numeral(String digits, boolean negative) implements Node {
        Numeral negate() {
            return new Numeral(digits, !negative);
        }

        @Override
        public String print() {
            String t = digits;
            boolean exponent = t.indexOf('e') >= 0 || t.indexOf('E') >= 0;
            if (!exponent) {
                int dot = t.indexOf('.');
                String whole = (dot < 0 ? t : t.substring(0, dot)).replaceFirst("^0+", "");
                String fraction = dot < 0 ? "" : t.substring(dot + 1);
                t = (whole.isEmpty() ? "0" : whole) + (fraction.isEmpty() ? "" : "." + fraction);
                if (t.chars().allMatch(ch -> ch == '0' || ch == '.')) {
                    return t; // no negative zero for integers and decimals
                }
            }
            return negative ? "-" + t : t;
        }
    }

    private record Text(String value) implements Node {
        @Override
        public String print() {
            StringBuilder sb = new StringBuilder("'");
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                switch (c) {
                    case '\\': sb.append("\\\\"); break;
                    case '\'': sb.append("\\'"); break;
                    case '\n': sb.append("\\n"); break;
                    case '\r': sb.append("\\r"); break;
                    case '\0': sb.append("\\0"); break;
                    case '\u001a': sb.append("\\Z"); break;
                    default: sb.append(c);
                }
            }
            return sb.append('\'').toString();
        }
    }

    private record ColumnRef(String name) implements Node {
        @Override
        public String print() {
            return "`" + name.replace("`", "``") + "`";
        }
    }

    private record Call(String name, List<Node> args) implements Node {
        @Override
        public String print() {
            StringBuilder sb = new StringBuilder(name).append('(');
            for (int i = 0; i < args.size(); i++) {
                sb.append(i > 0 ? "," : "").append(args.get(i).print());
            }
            return sb.append(')').toString();
        }
    }

    /** CAST, CONVERT(… , type), COLUMN_GET: {@code prefix + expr + " as " + type}. */
    private record Cast(String name, String prefix, Node expr, String type) implements Node {
        @Override
        public String print() {
            return name + "(" + prefix + expr.print() + " as " + type + ")";
        }
    }

    private record ConvertUsing(Node expr, String charset) implements Node {
        @Override
        public String print() {
            return "convert(" + expr.print() + " using " + charset + ")";
        }
    }

    private record Negation(Node operand) implements Node {
        @Override
        public String print() {
            return "-" + wrap(operand, operand.precedence() < UNARY);
        }

        @Override
        public int precedence() {
            return UNARY;
        }
    }

    /** A left-associative binary operator: arithmetic, comparison or XOR. */
    private record Binary(String op, int precedence, Node left, Node right, boolean isBoolean) implements Node {
        @Override
        public String print() {
            return wrap(left, left.precedence() < precedence) + " " + op + " "
                    + wrap(right, right.precedence() <= precedence);
        }
    }

    /** AND / OR, which MariaDB flattens: {@code a and (b and c)} prints as {@code a and b and c}. */
    private record Junction(String op, int precedence, List<Node> operands) implements Node {
        @Override
        public String print() {
            StringBuilder sb = new StringBuilder();
            for (Node n : operands) {
                sb.append(sb.length() > 0 ? " " + op + " " : "").append(wrap(n, n.precedence() <= precedence));
            }
            return sb.toString();
        }

        @Override
        public boolean isBoolean() {
            return true;
        }
    }

    /** IS [NOT] NULL, [NOT] LIKE, [NOT] BETWEEN, [NOT] IN: the operands never hold a predicate (see the parser). */
    private record Predicate(String text) implements Node {
        @Override
        public String print() {
            return text;
        }

        @Override
        public int precedence() {
            return PREDICATE;
        }

        @Override
        public boolean isBoolean() {
            return true;
        }
    }

    private record DateAdd(Node date, String sign, String interval) implements Node {
        @Override
        public String print() {
            return wrap(date, date.precedence() < DATE_ADD) + " " + sign + " interval " + interval;
        }

        @Override
        public int precedence() {
            return DATE_ADD;
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Functions

    /** A built-in function: the name MariaDB 10.11 prints and the argument counts measured. */
    private record Function(String printed, int minArgs, int maxArgs) {
    }

    private static final Map<String, Function> FUNCTIONS = functions();

    private static Map<String, Function> functions() {
        Map<String, Function> m = new HashMap<>();
        int any = Integer.MAX_VALUE;
        // printed as typed (lower case)
        Object[][] same = {
            {"concat", 1, any}, {"concat_ws", 2, any}, {"left", 2, 2}, {"right", 2, 2}, {"md5", 1, 1},
            {"sha2", 2, 2}, {"crc32", 1, 1}, {"hex", 1, 1}, {"unhex", 1, 1}, {"trim", 1, 1}, {"ltrim", 1, 1},
            {"rtrim", 1, 1}, {"replace", 3, 3}, {"reverse", 1, 1}, {"repeat", 2, 2}, {"lpad", 3, 3},
            {"rpad", 3, 3}, {"locate", 2, 3}, {"ascii", 1, 1}, {"ord", 1, 1}, {"space", 1, 1}, {"abs", 1, 1},
            {"truncate", 2, 2}, {"floor", 1, 1}, {"sign", 1, 1}, {"sqrt", 1, 1}, {"greatest", 2, any},
            {"least", 2, any}, {"if", 3, 3}, {"ifnull", 2, 2}, {"nullif", 2, 2}, {"coalesce", 1, any},
            {"year", 1, 1}, {"month", 1, 1}, {"dayofmonth", 1, 1}, {"hour", 1, 1}, {"minute", 1, 1},
            {"second", 1, 1}, {"microsecond", 1, 1}, {"to_days", 1, 1}, {"to_seconds", 1, 1},
            {"dayofweek", 1, 1}, {"weekday", 1, 1}, {"dayofyear", 1, 1}, {"week", 1, 2}, {"quarter", 1, 1},
            {"dayname", 1, 1}, {"monthname", 1, 1}, {"last_day", 1, 1}, {"date_format", 2, 2},
            {"unix_timestamp", 0, 1}, {"from_unixtime", 1, 1}, {"from_days", 1, 1}, {"makedate", 2, 2},
            {"str_to_date", 2, 2}, {"column_exists", 2, 2}, {"column_list", 1, 1}, {"column_json", 1, 1},
            {"pi", 0, 0}, {"log", 1, 2}, {"ln", 1, 1}, {"log2", 1, 1}, {"log10", 1, 1}, {"exp", 1, 1},
            {"conv", 3, 3}, {"format", 2, 2}, {"elt", 2, any}, {"field", 2, any}, {"find_in_set", 2, 2},
            {"inet_aton", 1, 1}, {"inet_ntoa", 1, 1}, {"soundex", 1, 1}, {"quote", 1, 1}, {"insert", 4, 4},
            {"substring_index", 3, 3}, {"bit_length", 1, 1}, {"bit_count", 1, 1}, {"degrees", 1, 1},
            {"radians", 1, 1}, {"sin", 1, 1}, {"cos", 1, 1}, {"tan", 1, 1}, {"atan", 1, 2},
            {"time_to_sec", 1, 1}, {"sec_to_time", 1, 1}, {"maketime", 3, 3}, {"timediff", 2, 2},
            {"addtime", 2, 2}, {"period_add", 2, 2}, {"period_diff", 2, 2}, {"round", 2, 2},
            {"yearweek", 2, 2}, {"pow", 2, 2}, {"ceiling", 1, 1}, {"substr", 2, 3}, {"lcase", 1, 1},
            {"ucase", 1, 1}, {"octet_length", 1, 1}, {"char_length", 1, 1}, {"sha", 1, 1}};
        for (Object[] f : same) {
            m.put((String) f[0], new Function((String) f[0], (Integer) f[1], (Integer) f[2]));
        }
        // synonyms MariaDB prints under another name
        String[][] renamed = {{"substring", "substr"}, {"mid", "substr"}, {"lower", "lcase"}, {"upper", "ucase"},
            {"length", "octet_length"}, {"character_length", "char_length"}, {"sha1", "sha"},
            {"ceil", "ceiling"}, {"power", "pow"}, {"day", "dayofmonth"}, {"atan2", "atan"}};
        for (String[] r : renamed) {
            Function target = m.get(r[1]);
            m.put(r[0], target);
        }
        return Map.copyOf(m);
    }

    private static final Set<String> RESERVED = Set.of("and", "or", "xor", "not", "is", "null", "true", "false",
            "like", "escape", "between", "in", "div", "mod", "interval", "case", "when", "then", "else", "end", "as",
            "using", "binary", "collate", "regexp", "rlike", "sounds", "exists", "select", "distinct");

    private static final Set<String> INTERVAL_UNITS = Set.of("microsecond", "second", "minute", "hour", "day",
            "week", "month", "quarter", "year", "second_microsecond", "minute_microsecond", "minute_second",
            "hour_microsecond", "hour_second", "hour_minute", "day_microsecond", "day_second", "day_minute",
            "day_hour", "year_month");

    // ---------------------------------------------------------------------------------------------------------
    // Parser

    private static final class Parser {
        private final List<Token> tokens;
        private final List<String> columns;
        private final CharsetCollation table;
        private int pos;
        private int depth;

        Parser(List<Token> tokens, List<String> columns, CharsetCollation table) {
            this.tokens = tokens;
            this.columns = columns;
            this.table = table;
        }

        private Token peek() {
            return tokens.get(pos);
        }

        private Token next() {
            Token t = tokens.get(pos);
            if (t.kind() != Kind.END) {
                pos++;
            }
            return t;
        }

        private void expectOp(String op) {
            if (!next().op(op)) {
                throw new UnknownForm();
            }
        }

        private void expectWord(String w) {
            if (!next().word(w)) {
                throw new UnknownForm();
            }
        }

        void expectEnd() {
            if (peek().kind() != Kind.END) {
                throw new UnknownForm();
            }
        }

        Node expression() {
            if (++depth > MAX_DEPTH) {
                throw new UnknownForm();
            }
            Node n = or();
            depth--;
            return n;
        }

        private Node or() {
            Node left = xor();
            while (peek().word("or")) {
                next();
                left = junction("or", OR, left, xor());
            }
            return left;
        }

        private Node xor() {
            Node left = and();
            while (peek().word("xor")) {
                next();
                Node right = and();
                left = new Binary("xor", XOR, truth(left), truth(right), true);
            }
            return left;
        }

        private Node and() {
            Node left = predicate();
            while (peek().word("and")) {
                next();
                left = junction("and", AND, left, predicate());
            }
            return left;
        }

        private static Node junction(String op, int precedence, Node left, Node right) {
            List<Node> operands = new ArrayList<>();
            for (Node n : List.of(truth(left), truth(right))) {
                if (n instanceof Junction j && j.op().equals(op)) {
                    operands.addAll(j.operands());
                } else {
                    operands.add(n);
                }
            }
            return new Junction(op, precedence, List.copyOf(operands));
        }

        /** MariaDB rewrites a non-boolean operand of AND/OR/XOR (to {@code x <> 0}): not measured enough. */
        private static Node truth(Node n) {
            if (!n.isBoolean()) {
                throw new UnknownForm();
            }
            return n;
        }

        /**
         * A value where a predicate would change the printing: the server prints {@code (a = 1) is null} as
         * {@code a = 1 is null}, so such nestings are left as stored.
         */
        private static Node value(Node n) {
            if (n.isBoolean()) {
                throw new UnknownForm();
            }
            return n;
        }

        private Node predicate() {
            if (peek().word("not")) {
                throw new UnknownForm(); // NOT x is printed as a rewritten comparison
            }
            Node left = arithmetic();
            Token t = peek();
            String cmp = comparison(t);
            Node result;
            if (cmp != null) {
                next();
                result = new Binary(cmp, PREDICATE, value(left), value(arithmetic()), true);
            } else if (t.word("is")) {
                next();
                boolean not = peek().word("not");
                if (not) {
                    next();
                }
                expectWord("null");
                result = new Predicate(value(left).print() + (not ? " is not null" : " is null"));
            } else if (t.word("not") || t.word("like") || t.word("between") || t.word("in")) {
                boolean not = t.word("not");
                if (not) {
                    next();
                }
                result = negatable(value(left), not);
            } else {
                return left;
            }
            Token after = peek();
            if (comparison(after) != null || after.word("is") || after.word("like") || after.word("between")
                    || after.word("in") || after.word("not")) {
                throw new UnknownForm(); // a predicate of a predicate
            }
            return result;
        }

        private static String comparison(Token t) {
            if (t.kind() != Kind.OP) {
                return null;
            }
            switch (t.text()) {
                case "=": case "<>": case "<": case "<=": case ">": case ">=": case "<=>": return t.text();
                case "!=": return "<>";
                default: return null;
            }
        }

        private Node negatable(Node left, boolean not) {
            Token t = next();
            if (t.word("like")) {
                Node pattern = value(arithmetic());
                String text = left.print() + (not ? "  not like " : " like ") + pattern.print();
                if (peek().word("escape")) {
                    next();
                    text += " escape " + text(next()).print();
                }
                return new Predicate(text);
            }
            if (t.word("between")) {
                Node low = value(arithmetic());
                expectWord("and");
                Node high = value(arithmetic());
                return new Predicate(left.print() + (not ? " not between " : " between ") + low.print() + " and "
                        + high.print());
            }
            if (t.word("in")) {
                expectOp("(");
                List<Node> items = list();
                for (Node n : items) {
                    value(n);
                }
                if (items.size() == 1) {
                    return new Binary(not ? "<>" : "=", PREDICATE, left, items.get(0), true);
                }
                return new Predicate(left.print() + (not ? " not in (" : " in (")
                        + String.join(",", items.stream().map(Node::print).toList()) + ")");
            }
            throw new UnknownForm();
        }

        private Node arithmetic() {
            Node left = multiplicative();
            while (peek().op("+") || peek().op("-")) {
                String op = next().text();
                if (peek().word("interval")) {
                    next();
                    left = new DateAdd(value(left), op, interval());
                } else {
                    left = new Binary(op, ADDITIVE, value(left), value(multiplicative()), false);
                }
            }
            return left;
        }

        private Node multiplicative() {
            Node left = unary();
            while (true) {
                Token t = peek();
                String op;
                if (t.op("*") || t.op("/")) {
                    op = t.text();
                } else if (t.op("%") || t.word("mod")) {
                    op = "MOD";
                } else if (t.word("div")) {
                    op = "DIV";
                } else {
                    return left;
                }
                next();
                left = new Binary(op, MULTIPLICATIVE, value(left), value(unary()), false);
            }
        }

        private Node unary() {
            if (peek().op("-")) {
                next();
                if (++depth > MAX_DEPTH) {
                    throw new UnknownForm();
                }
                Node operand = value(unary());
                depth--;
                return operand instanceof Numeral n ? n.negate() : new Negation(operand);
            }
            if (peek().op("+")) {
                next();
                return value(unary());
            }
            return primary();
        }

        private Node primary() {
            Token t = next();
            switch (t.kind()) {
                case NUMBER:
                    return new Numeral(t.text(), false);
                case HEX:
                    return new Literal(t.text());
                case STRING:
                    return text(t);
                case QUOTED_ID:
                    return column(t.text());
                case OP:
                    if (t.op("(")) {
                        Node inner = expression();
                        expectOp(")");
                        return inner;
                    }
                    throw new UnknownForm();
                case WORD:
                    return word(t);
                default:
                    throw new UnknownForm();
            }
        }

        private Text text(Token t) {
            if (t.kind() != Kind.STRING || peek().kind() == Kind.STRING) {
                throw new UnknownForm(); // adjacent strings concatenate
            }
            for (char c : t.text().toCharArray()) {
                if (c < 0x20 && c != '\n' && c != '\r' && c != '\0' && c != '\u001a' || c == 0x7f) {
                    throw new UnknownForm(); // other control characters: printing not measured
                }
            }
            return new Text(t.text());
        }

        private Node word(Token t) {
            String lower = t.text().toLowerCase(Locale.ROOT);
            if (peek().op("(")) {
                next();
                return call(lower);
            }
            switch (lower) {
                case "null": return new Literal("NULL");
                case "true": return new Numeral("1", false);
                case "false": return new Numeral("0", false);
                case "case": return caseExpression();
                default:
                    if (RESERVED.contains(lower)) {
                        throw new UnknownForm();
                    }
                    return column(t.text());
            }
        }

        private Node column(String name) {
            for (String c : columns) {
                if (c.equalsIgnoreCase(name)) {
                    return new ColumnRef(c);
                }
            }
            throw new UnknownForm(); // not a column of this table (or a name MariaDB compares otherwise)
        }

        private Node caseExpression() {
            StringBuilder sb = new StringBuilder("case ");
            if (!peek().word("when")) {
                sb.append(expression().print()).append(' ');
            }
            if (!peek().word("when")) {
                throw new UnknownForm();
            }
            while (peek().word("when")) {
                next();
                sb.append("when ").append(expression().print());
                expectWord("then");
                sb.append(" then ").append(expression().print()).append(' ');
            }
            if (peek().word("else")) {
                next();
                sb.append("else ").append(expression().print()).append(' ');
            }
            expectWord("end");
            return new Literal(sb.append("end").toString());
        }

        private List<Node> arguments() {
            if (peek().op(")")) {
                next();
                return new ArrayList<>();
            }
            return list();
        }

        /** Comma-separated expressions up to and including the closing parenthesis. */
        private List<Node> list() {
            List<Node> items = new ArrayList<>();
            while (true) {
                items.add(expression());
                Token t = next();
                if (t.op(")")) {
                    return items;
                }
                if (!t.op(",")) {
                    throw new UnknownForm();
                }
            }
        }

        private Node call(String name) {
            switch (name) {
                case "cast": {
                    Node e = expression();
                    expectWord("as");
                    String type = castType();
                    expectOp(")");
                    return new Cast("cast", "", e, type);
                }
                case "convert": {
                    Node e = expression();
                    Token sep = next();
                    Node result;
                    if (sep.op(",")) {
                        result = new Cast("cast", "", e, castType());
                    } else if (sep.word("using")) {
                        result = new ConvertUsing(e, charsetName(next()));
                    } else {
                        throw new UnknownForm();
                    }
                    expectOp(")");
                    return result;
                }
                case "column_get": {
                    Node blob = expression();
                    expectOp(",");
                    Node key = expression();
                    expectWord("as");
                    String type = castType();
                    expectOp(")");
                    return new Cast("column_get", blob.print() + ",", key, type);
                }
                case "date_add": case "date_sub": case "adddate": case "subdate": {
                    Node date = value(expression());
                    expectOp(",");
                    String sign = name.equals("date_add") || name.equals("adddate") ? "+" : "-";
                    String interval;
                    if (peek().word("interval")) {
                        next();
                        interval = interval();
                    } else if (name.equals("adddate") || name.equals("subdate")) {
                        interval = intervalValue() + " day"; // ADDDATE(d, n) means n days
                    } else {
                        throw new UnknownForm();
                    }
                    expectOp(")");
                    return new DateAdd(date, sign, interval);
                }
                default:
                    break;
            }
            List<Node> args = arguments();
            switch (name) {
                case "instr":
                    requireArgs(args, 2);
                    return new Call("locate", List.of(args.get(1), args.get(0)));
                case "mod":
                    requireArgs(args, 2);
                    return new Binary("MOD", MULTIPLICATIVE, value(args.get(0)), value(args.get(1)), false);
                case "isnull":
                    requireArgs(args, 1);
                    return new Predicate(value(args.get(0)).print() + " is null");
                case "datediff":
                    requireArgs(args, 2);
                    return new Binary("-", ADDITIVE, new Call("to_days", List.of(args.get(0))),
                            new Call("to_days", List.of(args.get(1))), false);
                case "bin": case "oct":
                    requireArgs(args, 1);
                    return new Call("conv", List.of(args.get(0), new Numeral("10", false),
                            new Numeral(name.equals("bin") ? "2" : "8", false)));
                case "weekofyear":
                    requireArgs(args, 1);
                    return new Call("week", List.of(args.get(0), new Numeral("3", false)));
                case "date":
                    requireArgs(args, 1);
                    return new Cast("cast", "", args.get(0), "date");
                case "round": case "yearweek":
                    if (args.size() == 1) {
                        args.add(new Numeral("0", false)); // the default second argument is printed
                    }
                    break;
                default:
                    break;
            }
            Function f = FUNCTIONS.get(name);
            if (f == null || args.size() < f.minArgs() || args.size() > f.maxArgs()) {
                throw new UnknownForm();
            }
            return new Call(f.printed(), List.copyOf(args));
        }

        private static void requireArgs(List<Node> args, int n) {
            if (args.size() != n) {
                throw new UnknownForm();
            }
        }

        /** After INTERVAL: a literal and a unit (an expression as the value is printed unlike it was typed). */
        private String interval() {
            String value = intervalValue();
            Token unit = next();
            String u = unit.text().toLowerCase(Locale.ROOT);
            if (unit.kind() != Kind.WORD || !INTERVAL_UNITS.contains(u)) {
                throw new UnknownForm();
            }
            return value + " " + u;
        }

        private String intervalValue() {
            boolean negative = false;
            if (peek().op("-")) {
                next();
                negative = true;
            }
            Token v = next();
            if (v.kind() == Kind.NUMBER) {
                Numeral n = new Numeral(v.text(), negative);
                return n.print();
            }
            if (v.kind() == Kind.STRING && !negative) {
                return text(v).print();
            }
            throw new UnknownForm();
        }

        /** The target type of CAST/CONVERT/COLUMN_GET, printed as MariaDB 10.11 prints it. */
        private String castType() {
            Token t = next();
            if (t.kind() != Kind.WORD) {
                throw new UnknownForm();
            }
            switch (t.text().toLowerCase(Locale.ROOT)) {
                case "char": case "character": {
                    String length = optionalLength();
                    String charset = table.charset();
                    boolean binary = table.collation().endsWith("_bin");
                    if (peek().word("charset") || peek().word("character")) {
                        if (next().word("character")) {
                            expectWord("set");
                        }
                        charset = charsetName(next());
                        binary = false;
                    }
                    if (peek().word("binary")) {
                        next();
                        binary = true;
                    }
                    return charType(length, charset, binary);
                }
                case "binary":
                    return charType(optionalLength(), "binary", false);
                case "nchar":
                    return charType(optionalLength(), "utf8mb3", false);
                case "signed": case "unsigned": {
                    String s = t.text().toLowerCase(Locale.ROOT);
                    if (peek().word("int") || peek().word("integer")) {
                        next();
                    }
                    return s;
                }
                case "int": case "integer":
                    return "signed";
                case "decimal": {
                    String precision = "10";
                    String scale = "0";
                    if (peek().op("(")) {
                        next();
                        precision = integer();
                        if (peek().op(",")) {
                            next();
                            scale = integer();
                        }
                        expectOp(")");
                    }
                    return "decimal(" + precision + "," + scale + ")";
                }
                case "date":
                    return "date";
                case "datetime": case "time": {
                    String length = optionalLength();
                    String base = t.text().toLowerCase(Locale.ROOT);
                    if (length.isEmpty() || length.equals("(0)")) {
                        return base;
                    }
                    if (Integer.parseInt(length.substring(1, length.length() - 1)) > 6) {
                        throw new UnknownForm();
                    }
                    return base + length;
                }
                case "double":
                    return "double";
                default:
                    throw new UnknownForm();
            }
        }

        private static String charType(String length, String charset, boolean binary) {
            return "char" + length + " charset " + charset + (binary && !charset.equals("binary") ? " binary" : "");
        }

        private String optionalLength() {
            if (!peek().op("(")) {
                return "";
            }
            next();
            String n = integer();
            expectOp(")");
            return "(" + n + ")";
        }

        private String integer() {
            Token t = next();
            if (t.kind() != Kind.NUMBER || !t.text().matches("[0-9]{1,9}")) {
                throw new UnknownForm();
            }
            return Integer.toString(Integer.parseInt(t.text()));
        }

        private static String charsetName(Token t) {
            if (t.kind() != Kind.WORD) {
                throw new UnknownForm();
            }
            String name = t.text().toLowerCase(Locale.ROOT);
            if (name.equals("utf8")) {
                return "utf8mb3"; // MariaDB 10.11's default old_mode reads utf8 as utf8mb3
            }
            if (!Collations.isCharset(name)) {
                throw new UnknownForm();
            }
            return name;
        }
    }
}
