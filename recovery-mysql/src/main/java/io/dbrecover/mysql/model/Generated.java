package io.dbrecover.mysql.model;

import java.util.Objects;

/**
 * A generated (virtual/computed) column.
 *
 * @param expression the expression as the writing server stored it, without outer parentheses
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
