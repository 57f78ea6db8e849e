package io.dbrecover.mysql.model;

import java.util.Objects;

/**
 * A MariaDB engine-defined attribute ({@code PAGE_COMPRESSED=1}, {@code ENCRYPTION_KEY_ID=1}…) on a table,
 * column or index.
 *
 * @param name option name as written
 * @param value option value as written
 * @param quoted whether the value was given quoted
 */
public record EngineOption(String name, String value, boolean quoted) {
    public EngineOption {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (name.isBlank()) {
            throw new IllegalArgumentException("empty engine option name");
        }
    }
}
