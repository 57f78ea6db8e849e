package io.dbrecover.postgres.server;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * How throwaway PostgreSQL servers check passwords: SCRAM-SHA-256 over TCP on 127.0.0.1, for the superuser of a
 * new cluster ({@code initdb --pwfile}) or for a role of our own added to an existing data directory in single-user
 * mode. That role's password reaches the server only as a SCRAM verifier (salted and hashed here), so that even a
 * server log quoting the statement would not reveal it.
 */
public final class PostgresAuth {
    /** The login role dbrecover adds to an existing data directory, and removes again at stop. */
    public static final String ROLE = "dbrecover";
    /** The database single-user mode opens: present in every cluster that has not been tampered with. */
    static final String SINGLE_USER_DATABASE = "template1";
    private static final int ITERATIONS = 4096;

    private PostgresAuth() {
    }

    /** {@code pg_hba.conf} of a throwaway server: TCP on loopback only, always with a password. */
    public static String hba() {
        return """
                # written by dbrecover for a throwaway server: loopback only, SCRAM password of this start
                host all all 127.0.0.1/32 scram-sha-256
                host replication all 127.0.0.1/32 scram-sha-256
                """;
    }

    /**
     * {@code pg_hba.conf} of a server that nobody may log in to (its recovery runs before dbrecover's role exists,
     * and PostgreSQL needs at least one listening socket).
     */
    public static String hbaRejectAll() {
        return """
                # written by dbrecover: nobody logs in while the server recovers
                host all all 0.0.0.0/0 reject
                host all all ::/0 reject
                """;
    }

    /** A SCRAM-SHA-256 verifier as PostgreSQL stores it in {@code pg_authid.rolpassword} (RFC 5802, 7677). */
    static String scramVerifier(String password, byte[] salt) {
        try {
            SecretKeyFactory pbkdf2 = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
            byte[] salted = pbkdf2.generateSecret(new PBEKeySpec(password.toCharArray(), salt, ITERATIONS, 256))
                    .getEncoded();
            byte[] clientKey = hmac(salted, "Client Key");
            byte[] storedKey = MessageDigest.getInstance("SHA-256").digest(clientKey);
            byte[] serverKey = hmac(salted, "Server Key");
            Base64.Encoder b64 = Base64.getEncoder();
            return "SCRAM-SHA-256$" + ITERATIONS + ":" + b64.encodeToString(salt) + "$"
                    + b64.encodeToString(storedKey) + ":" + b64.encodeToString(serverKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 and HmacSHA256 are required by every Java platform",
                    e);
        }
    }

    private static byte[] hmac(byte[] key, String text) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(text.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * The single-user-mode input that makes our role a superuser able to log in with this password, whether or not
     * it exists already (one line: single-user mode ends a statement at a newline).
     *
     * @param password URL-safe characters only (see {@link io.dbrecover.core.server.Secrets#newPassword()})
     */
    static String createRoleSql(String password) {
        if (!password.matches("[A-Za-z0-9_-]{16,}")) {
            throw new IllegalArgumentException("not a password made by Secrets.newPassword()");
        }
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        String verifier = scramVerifier(password, salt);
        String options = " WITH SUPERUSER LOGIN PASSWORD '" + verifier + "'";
        return "DO $dbrecover$BEGIN IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" + ROLE + "') THEN "
                + "ALTER ROLE " + ROLE + options + "; ELSE CREATE ROLE " + ROLE + options
                + "; END IF; END$dbrecover$;\n";
    }

    /**
     * The single-user-mode input that removes our role again; a role that owns objects made during the session
     * cannot be dropped, so it then loses its login and password instead.
     */
    static String dropRoleSql() {
        return "DO $dbrecover$BEGIN DROP ROLE IF EXISTS " + ROLE + "; EXCEPTION WHEN dependent_objects_still_exist "
                + "THEN ALTER ROLE " + ROLE + " WITH NOLOGIN NOSUPERUSER PASSWORD NULL; END$dbrecover$;\n";
    }
}
