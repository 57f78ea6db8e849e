package io.dbrecover.core.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The one exception type of dbrecover. It carries an {@link ErrorCode} (which becomes the exit code), the file
 * or tool concerned, the byte offset in that file where a parser met the damage, a hint saying what to try next
 * and, for failed child processes, the last lines they printed.
 *
 * <p>Messages are written for the person at the terminal: what failed, where, and what to do about it.
 */
public class RecoveryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final transient Path path;
    private final String hint;
    private final List<String> outputTail;
    /** -1 when no offset is known. */
    private final long offset;

    public RecoveryException(ErrorCode code, String message) {
        this(code, message, null, null, List.of(), null);
    }

    public RecoveryException(ErrorCode code, String message, Throwable cause) {
        this(code, message, null, null, List.of(), cause);
    }

    public RecoveryException(ErrorCode code, String message, Path path, String hint, List<String> outputTail,
                             Throwable cause) {
        this(code, message, path, -1, hint, outputTail, cause);
    }

    /**
     * @param offset the byte offset in {@code path} where the problem lies, or a negative number when there is none
     */
    public RecoveryException(ErrorCode code, String message, Path path, long offset, String hint,
                             List<String> outputTail, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.code = Objects.requireNonNull(code, "code");
        this.path = path;
        this.offset = offset < 0 ? -1 : offset;
        this.hint = hint;
        this.outputTail = List.copyOf(outputTail == null ? List.of() : outputTail);
    }

    /** Starts a builder for an exception with the given code and message. */
    public static Builder of(ErrorCode code, String message) {
        return new Builder(code, message);
    }

    public ErrorCode code() {
        return code;
    }

    public int exitCode() {
        return code.exitCode();
    }

    /** The file concerned, when there is one. */
    public Optional<Path> path() {
        return Optional.ofNullable(path);
    }

    /** The byte offset in {@link #path()} where a parser met the damage or the unknown format, when known. */
    public OptionalLong offset() {
        return offset < 0 ? OptionalLong.empty() : OptionalLong.of(offset);
    }

    /** What to try next, when dbrecover knows. */
    public Optional<String> hint() {
        return Optional.ofNullable(hint);
    }

    /** The last lines a failed child process printed (empty when no process was involved). */
    public List<String> outputTail() {
        return outputTail;
    }

    /** The message with the hint and the output tail, as a person should see it. */
    public String describe() {
        StringBuilder sb = new StringBuilder(getMessage());
        boolean showPath = path != null && !getMessage().contains(path.toString());
        boolean showOffset = offset >= 0 && !getMessage().contains("offset " + offset);
        if (showPath || showOffset) {
            sb.append(" (").append(showPath ? path.toString() : "").append(showPath && showOffset ? ", " : "")
                    .append(showOffset ? "byte offset " + offset : "").append(')');
        }
        if (hint != null) {
            sb.append(System.lineSeparator()).append("  hint: ").append(hint);
        }
        if (!outputTail.isEmpty()) {
            sb.append(System.lineSeparator()).append("  last output:");
            for (String line : outputTail) {
                sb.append(System.lineSeparator()).append("    ").append(line);
            }
        }
        return sb.toString();
    }

    /** Builder for exceptions with a path, a hint or an output tail. */
    public static final class Builder {
        private final ErrorCode code;
        private final String message;
        private Path path;
        private long offset = -1;
        private String hint;
        private List<String> tail = List.of();
        private Throwable cause;

        private Builder(ErrorCode code, String message) {
            this.code = code;
            this.message = message;
        }

        public Builder path(Path value) {
            this.path = value;
            return this;
        }

        /** The byte offset in the file where the problem lies (negative: none). */
        public Builder offset(long value) {
            this.offset = value;
            return this;
        }

        public Builder hint(String value) {
            this.hint = value;
            return this;
        }

        public Builder outputTail(List<String> value) {
            this.tail = value;
            return this;
        }

        public Builder cause(Throwable value) {
            this.cause = value;
            return this;
        }

        public RecoveryException build() {
            return new RecoveryException(code, message, path, offset, hint, tail, cause);
        }
    }
}
