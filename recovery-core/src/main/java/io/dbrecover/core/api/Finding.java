package io.dbrecover.core.api;

import java.util.Objects;

/**
 * One thing dbrecover noticed during a run.
 *
 * @param severity how much it matters
 * @param code     a stable SCREAMING_SNAKE identifier (e.g. {@code FOREIGN_KEYS_NOT_IN_FRM})
 * @param message  what was noticed and what to do about it
 * @param path     the file concerned, relative to its source where possible, or {@code null}
 */
public record Finding(Severity severity, String code, String message, String path) {
    public Finding {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        if (!code.matches("[A-Z][A-Z0-9_]*")) {
            throw new IllegalArgumentException("finding code must be SCREAMING_SNAKE: " + code);
        }
    }

    public static Finding info(String code, String message) {
        return new Finding(Severity.INFO, code, message, null);
    }

    public static Finding warning(String code, String message, String path) {
        return new Finding(Severity.WARNING, code, message, path);
    }

    public static Finding error(String code, String message, String path) {
        return new Finding(Severity.ERROR, code, message, path);
    }
}
