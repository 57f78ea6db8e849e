package io.dbrecover.core.api;

import java.util.Objects;

/**
 * The result for one item of a run.
 *
 * @param name   the item (e.g. {@code shop.orders})
 * @param status what happened to it
 * @param detail one line for people: what was recovered, or why it failed and what to try next
 */
public record ItemResult(String name, ItemStatus status, String detail) {
    public ItemResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        detail = detail == null ? "" : detail;
    }
}
