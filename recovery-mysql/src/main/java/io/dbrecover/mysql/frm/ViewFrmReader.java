package io.dbrecover.mysql.frm;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.mysql.model.Identifiers;
import io.dbrecover.mysql.model.ViewDefinition;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Reads a view {@code .frm} file (text, {@code TYPE=VIEW}) into a {@link ViewDefinition}, without a server.
 *
 * <p>Keys used: {@code query} (the parsed SELECT, UTF-8), {@code md5} (MD5 of that query, checked),
 * {@code algorithm}, {@code definer_user}, {@code definer_host}, {@code suid}, {@code with_check_option},
 * {@code source}, {@code client_cs_name}, {@code connection_cl_name}, {@code mariadb-version}. Damage ends in
 * {@link ErrorCode#CORRUPT_INPUT} naming the byte offset.
 */
public final class ViewFrmReader {
    private ViewFrmReader() {
    }

    /** True when the bytes are a view definition rather than a binary table {@code .frm}. */
    public static boolean isView(byte[] data) {
        return TextDefinitionFile.startsWith(data, "VIEW");
    }

    /** Reads the file; the view name comes from the file name. */
    public static ViewDefinition read(Path file) {
        byte[] data = TextDefinitionFile.readBytes(file, "view .frm");
        Path name = file.getFileName();
        return read(file, data, name == null ? "" : name.toString());
    }

    /**
     * Reads a file already in memory.
     *
     * @param file where the bytes came from, for messages
     * @param data the whole file
     * @param fileName the file name the view name is decoded from
     */
    public static ViewDefinition read(Path file, byte[] data, String fileName) {
        String viewName = TableFileName.decode(fileName).orElseThrow(() -> TextDefinitionFile.corrupt(file, -1,
                "file name '" + fileName + "' is not a valid encoded view name"));
        String nameProblem = TableFileName.problem(viewName);
        if (nameProblem != null) {
            throw TextDefinitionFile.corrupt(file, -1, "the file name gives the view name '" + viewName + "', which "
                    + "is no valid name: " + nameProblem);
        }
        TextDefinitionFile f = TextDefinitionFile.parse(file, data, "VIEW");
        String query = f.required("query", StandardCharsets.UTF_8);
        f.check("query", "the query", Identifiers.expressionProblem(query));
        List<String> notes = new ArrayList<>();
        if (!f.has("md5")) {
            // every server since MySQL 5.0.1 writes it: a view file without one has lost that line to damage
            throw TextDefinitionFile.corrupt(file, f.offsetOf("query"), "the key 'md5' is missing: every view "
                    + "file holds the MD5 of its query, so the query cannot be checked and the file is damaged");
        }
        if (f.has("md5")) {
            // the server keeps the MD5 of the query beside it: the one check of a view file's text there is. A
            // mismatch is damage (or a hand edit, which the server itself flags: "View text checksum failed"), and
            // a damaged query is never passed off as the view's
            String stored = f.required("md5", StandardCharsets.ISO_8859_1).strip();
            String actual = md5(query);
            if (!stored.equalsIgnoreCase(actual)) {
                String shown = query.length() > 2000 ? query.substring(0, 2000) + "…" : query;
                throw RecoveryException.of(ErrorCode.CORRUPT_INPUT, file + ": damaged definition file at byte offset "
                        + f.offsetOf("query") + ": the query does not match the MD5 stored with it ("
                        + (stored.matches("[0-9a-fA-F]{32}") ? stored : "not an MD5") + " stored, " + actual
                        + " computed); as stored it reads: " + shown).path(file).offset(f.offsetOf("query"))
                        .hint("the file is damaged or was edited by hand; if the query above is right, create the "
                                + "view by hand with it, else try another copy of the file").build();
            }
        }
        long writer = f.has("mariadb-version") ? f.number("mariadb-version") : 0;
        long algo = f.has("algorithm") ? f.number("algorithm") : 0;
        ViewDefinition.Algorithm algorithm = switch ((int) algo) {
            case 0 -> ViewDefinition.Algorithm.UNDEFINED;
            case 1 -> ViewDefinition.Algorithm.MERGE;
            case 2 -> ViewDefinition.Algorithm.TEMPTABLE;
            default -> throw TextDefinitionFile.unsupported(file, f.offsetOf("algorithm"), "algorithm=" + algo
                    + " is unknown");
        };
        if (algo != 0 && writer < 100_000) {
            // MySQL numbers the two algorithms the other way round; MariaDB 10.11 reads such files its own way
            // (mysql_upgrade --upgrade-from-mysql swaps them). The file cannot tell which server wrote it.
            notes.add("the file has no MariaDB 10 version stamp: MariaDB reads algorithm=" + algo + " as "
                    + algorithm + "; if MySQL wrote it, the original was "
                    + (algorithm == ViewDefinition.Algorithm.MERGE ? "TEMPTABLE" : "MERGE"));
        }
        long suid = f.has("suid") ? f.number("suid") : 2;
        ViewDefinition.Security security = switch ((int) suid) {
            case 0 -> ViewDefinition.Security.INVOKER;
            case 1, 2 -> ViewDefinition.Security.DEFINER; // 2 = "default", which is DEFINER
            default -> throw TextDefinitionFile.unsupported(file, f.offsetOf("suid"), "suid=" + suid + " is unknown");
        };
        long check = f.has("with_check_option") ? f.number("with_check_option") : 0;
        ViewDefinition.CheckOption checkOption = switch ((int) check) {
            case 0 -> ViewDefinition.CheckOption.NONE;
            case 1 -> ViewDefinition.CheckOption.LOCAL;
            case 2 -> ViewDefinition.CheckOption.CASCADED;
            default -> throw TextDefinitionFile.unsupported(file, f.offsetOf("with_check_option"), "with_check_option="
                    + check
                    + " is unknown");
        };
        if (f.has("client_cs_name") != f.has("connection_cl_name")
                || f.has("client_cs_name") && !(f.has("definer_user") && f.has("definer_host"))) {
            // written together since MySQL 5.1: one without the others has lost lines to damage
            throw TextDefinitionFile.corrupt(file, Math.max(0, Math.max(f.offsetOf("client_cs_name"),
                    f.offsetOf("connection_cl_name"))), "the keys client_cs_name, connection_cl_name, definer_user "
                    + "and definer_host are written together, and some are missing");
        }
        String user = f.optional("definer_user", StandardCharsets.UTF_8, "");
        f.check("definer_user", "the definer's user name", Identifiers.accountProblem(user, Identifiers.MAX_USER));
        String host = f.optional("definer_host", StandardCharsets.UTF_8, "");
        f.check("definer_host", "the definer's host name", Identifiers.accountProblem(host, Identifiers.MAX_HOST));
        if (user.isEmpty() && host.isEmpty()) {
            notes.add("the file names no definer (written before MySQL 5.0.16); the view gets the loading user");
        }
        try {
            return new ViewDefinition(viewName, query, algorithm, user, host, security, checkOption,
                    f.optional("source", StandardCharsets.UTF_8, ""),
                    f.charsetName("client_cs_name", f.optional("client_cs_name", StandardCharsets.US_ASCII, "")),
                    f.charsetName("connection_cl_name", f.optional("connection_cl_name", StandardCharsets.US_ASCII,
                            "")), writer, notes);
        } catch (IllegalArgumentException e) {
            throw RecoveryException.of(ErrorCode.CORRUPT_INPUT, file + ": damaged view definition: "
                    + e.getMessage()).path(file).cause(e).build();
        }
    }

    private static String md5(String query) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                    .digest(query.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has MD5", e);
        }
    }
}
