package io.dbrecover.mysql.model;

import java.util.Objects;
import java.util.regex.Pattern;

/** A column's DEFAULT clause. */
public sealed interface ColumnDefault {

    /** No DEFAULT clause: inserts must give a value (NOT NULL columns declared without default). */
    record None() implements ColumnDefault {
    }

    /** {@code DEFAULT NULL}. */
    record Null() implements ColumnDefault {
    }

    /**
     * A constant. {@code text} is the value as SQL shows it without quotes or escapes: digits for numbers, the
     * decoded characters for strings and temporals, binary digits for BIT, and for {@link Kind#HEX} the stored
     * bytes as upper-case hex digits.
     */
    record Literal(String text, Kind kind) implements ColumnDefault {
        /** How the constant is written in SQL. */
        public enum Kind {
            /** Unquoted number. */
            NUMBER,
            /** Quoted string (also dates and times). */
            STRING,
            /** {@code b'0101'}. */
            BIT,
            /**
             * {@code 0xCAFE}: stored bytes no text can stand for in a utf8mb4 script (a binary string that is not
             * UTF-8, a byte the column's character set has no character for).
             */
            HEX
        }

        // compiled once: every numeric default of every file passes here
        private static final Pattern BITS = Pattern.compile("[01]+");
        private static final Pattern HEX_PAIRS = Pattern.compile("([0-9A-F]{2})+");
        private static final Pattern NUMBER = Pattern.compile("[-+0-9.eE]+|inf|-inf|nan");

        public Literal {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(kind, "kind");
            if (kind == Kind.BIT && !BITS.matcher(text).matches()) {
                throw new IllegalArgumentException("BIT default must be binary digits: " + text);
            }
            if (kind == Kind.HEX && !HEX_PAIRS.matcher(text).matches()) {
                throw new IllegalArgumentException("hex default must be pairs of upper-case hex digits: " + text);
            }
            if (kind == Kind.NUMBER && !NUMBER.matcher(text).matches()) {
                throw new IllegalArgumentException("numeric default is not a number: " + text);
            }
        }
    }

    /** {@code CURRENT_TIMESTAMP(fsp)}. */
    record CurrentTimestamp(int fsp) implements ColumnDefault {
        public CurrentTimestamp {
            if (fsp < 0 || fsp > 6) {
                throw new IllegalArgumentException("fractional seconds precision out of range: " + fsp);
            }
        }
    }

    /** An expression default (MariaDB 10.2+, MySQL 8.0.13+), as the server printed it, without outer parentheses. */
    record Expression(String text) implements ColumnDefault {
        public Expression {
            Objects.requireNonNull(text, "text");
            if (text.isBlank()) {
                throw new IllegalArgumentException("empty default expression");
            }
        }
    }

    /** The shared instance meaning "no DEFAULT clause". */
    ColumnDefault NONE = new None();
    /** The shared instance meaning {@code DEFAULT NULL}. */
    ColumnDefault NULL = new Null();
}
