package io.dbrecover.mysql.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/** Word lists probed on a server and kept as resources: one word a line, {@code #} comments and blank lines. */
public final class WordLists {
    private WordLists() {
    }

    /** The words of the resource (e.g. {@code /io/dbrecover/mysql/functions.txt}); a missing one is a build bug. */
    public static Set<String> load(String resource) {
        try (InputStream in = WordLists.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("resource " + resource.substring(1) + " missing");
            }
            Set<String> out = new HashSet<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    out.add(line.strip());
                }
            }
            return Set.copyOf(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
