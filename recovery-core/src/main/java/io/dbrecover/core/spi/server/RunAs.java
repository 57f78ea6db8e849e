package io.dbrecover.core.spi.server;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.core.os.OsUsers;
import io.dbrecover.core.server.ServerOptions;
import java.util.List;
import java.util.Optional;

/**
 * Whom an engine's server runs as when dbrecover runs as root (an unprivileged JVM can only run it as itself).
 *
 * @param defaultUsers the users tried in order when {@link ServerOptions#runAsUser()} is unset (e.g.
 *                     {@code postgres}, then {@code nobody}); none means root
 * @param rootAllowed  whether the server may run as root (PostgreSQL refuses to); when it may not and none of the
 *                     default users exists, the start fails
 * @param whyNotRoot   for the message when none of the default users exists, e.g. "PostgreSQL refuses to run as
 *                     root"; only used when root is not allowed
 */
public record RunAs(List<String> defaultUsers, boolean rootAllowed, String whyNotRoot) {
    public RunAs {
        defaultUsers = List.copyOf(defaultUsers);
    }

    /** As root unless the options name another user (MariaDB, with {@code --user=root}). */
    public static RunAs rootUnlessNamed() {
        return new RunAs(List.of(), true, "");
    }

    /** The first of the default users that exists, else root. */
    public static RunAs preferring(String... users) {
        return new RunAs(List.of(users), true, "");
    }

    /** The first of the default users that exists; never root. */
    public static RunAs neverRoot(String whyNotRoot, String... users) {
        return new RunAs(List.of(users), false, whyNotRoot);
    }

    /**
     * The user the server of {@code product} runs as with these options, or empty to run it as this JVM's user.
     *
     * @throws RecoveryException {@code PERMISSION_DENIED} when the named user does not exist, {@code USAGE} when
     *                           root is named but not allowed
     */
    public Optional<OsUsers.OsUser> resolve(String product, ServerOptions options) {
        if (!OsUsers.isRoot()) {
            return Optional.empty();
        }
        String wanted = options.runAsUser();
        String others = defaultUsers.isEmpty() ? "" : " for " + String.join(" or ", quoted());
        if (wanted == null) {
            Optional<OsUsers.OsUser> found = OsUsers.firstExisting(defaultUsers.toArray(String[]::new));
            if (found.isPresent() || rootAllowed) {
                return found;
            }
            throw RecoveryException.of(ErrorCode.PERMISSION_DENIED, whyNotRoot + ", and " + (defaultUsers.size() == 1
                            ? "user " + quoted().get(0) + " does not exist"
                            : "neither user " + String.join(" nor ", quoted()) + " exists") + " to run it as")
                    .hint("create a user (e.g. apt-get install of the server's package creates one) or name one as "
                            + "runAsUser").build();
        }
        if ("root".equals(wanted)) {
            if (rootAllowed) {
                return Optional.empty();
            }
            throw RecoveryException.of(ErrorCode.USAGE, whyNotRoot)
                    .hint("name another user to run it as, or leave runAsUser unset" + others).build();
        }
        return Optional.of(OsUsers.lookup(wanted).orElseThrow(() -> RecoveryException.of(
                        ErrorCode.PERMISSION_DENIED, "user '" + wanted + "' does not exist, so " + product
                                + " cannot run as it")
                .hint("create the user or name another one, or leave runAsUser unset"
                        + (defaultUsers.isEmpty() ? " to run it as root" : others)).build()));
    }

    private List<String> quoted() {
        return defaultUsers.stream().map(u -> "'" + u + "'").toList();
    }
}
