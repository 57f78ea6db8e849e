package io.dbrecover.mysql.model;

import java.util.Objects;

/** A table-level {@code CONSTRAINT name CHECK (expression)}; the expression has no outer parentheses. */
public record CheckConstraint(String name, String expression) {
    public CheckConstraint {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(expression, "expression");
        if (expression.isBlank()) {
            throw new IllegalArgumentException("empty CHECK expression " + name);
        }
    }
}
