package io.dbrecover.mysql.model;

import java.util.Objects;

/**
 * A generated (virtual/computed) column.
 *
 * @param expression the expression as the writing server stored it, without outer parentheses (for MariaDB
 *     5.2–10.1 files, which stored it as typed, as MariaDB 10.11 re-prints it where that printing is known)
 * @param stored STORED (MariaDB also says PERSISTENT) rather than VIRTUAL
 */
public record Generated(String expression, boolean stored) {
    public Generated {
        Objects.requireNonNull(expression, "expression");
        if (expression.isBlank()) {
            throw new IllegalArgumentException("empty generation expression");
        }
    }
}
