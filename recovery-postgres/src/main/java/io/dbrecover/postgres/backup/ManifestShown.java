package io.dbrecover.postgres.backup;

import java.util.Locale;

/** A name from a backup for a message: bounded, control characters escaped. */
final class ManifestShown {
    private ManifestShown() {
    }

    static String of(String s) {
        if (s == null) {
            return "(none)";
        }
        String cut = s.length() > 200 ? s.substring(0, 200) + "…" : s;
        StringBuilder b = new StringBuilder("'");
        cut.codePoints().forEach(c -> {
            if (c < 0x20 || c == 0x7f || c >= 0x80 && c < 0xa0) {
                b.append(String.format(Locale.ROOT, "\\x%02x", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.append('\'').toString();
    }
}
