package io.dbrecover.core.report;

import io.dbrecover.core.api.Finding;
import io.dbrecover.core.api.InventoryVerdict;
import io.dbrecover.core.api.ItemResult;
import io.dbrecover.core.api.RecoveryReport;
import io.dbrecover.core.api.StepTiming;
import io.dbrecover.core.api.ToolVersion;
import io.dbrecover.core.api.Verification;
import java.util.List;
import java.util.Locale;

/**
 * Renders a report for people: verdict first, then what was checked, then the details. Names, messages and paths
 * may come from the files recovered: each is escaped for the terminal ({@link TerminalText}), single-line fields as
 * one line.
 */
public final class TextReportRenderer {
    private static final int MAX_LISTED = 20;

    public String render(RecoveryReport r) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "dbrecover %s %s: %s (exit %d) in %.1f s%n", r.engine(), r.operation(),
                r.outcome(), r.exitCode(), r.duration().toMillis() / 1000.0));
        if (r.workDir() != null) {
            sb.append("  work dir: ").append(line(String.valueOf(r.workDir()))).append(System.lineSeparator());
        }
        for (RecoveryReport.SourceSummary s : r.sources()) {
            sb.append(String.format(Locale.ROOT, "  source: %s (%d files, %s)%n", line(s.root()), s.files(),
                    bytes(s.bytes())));
        }
        InventoryVerdict v = r.sourcesVerdict();
        if (v != null) {
            sb.append(String.format(Locale.ROOT, "  sources unchanged: %s (%d files, %s re-hashed)%n", v.yesNo(),
                    v.filesChecked(), bytes(v.bytesChecked())));
            list(sb, "changed", v.changed());
            list(sb, "missing", v.missing());
            list(sb, "added", v.added());
        }
        if (!r.items().isEmpty()) {
            sb.append("items:").append(System.lineSeparator());
            for (ItemResult i : r.items()) {
                sb.append(String.format(Locale.ROOT, "  %-20s %s%s%n", i.status(), line(i.name()),
                        i.detail().isEmpty() ? "" : "  " + text(i.detail())));
            }
        }
        if (!r.verifications().isEmpty()) {
            long passed = r.verifications().stream().filter(Verification::passed).count();
            sb.append(String.format(Locale.ROOT, "verifications: %d passed, %d failed%n", passed,
                    r.verifications().size() - passed));
            for (Verification ver : r.verifications()) {
                sb.append(String.format(Locale.ROOT, "  %s %s %s: %s%n", ver.passed() ? "ok  " : "FAIL",
                        line(ver.item()), line(ver.check()), ver.passed() ? line(abbreviate(ver.actual()))
                                : "expected " + line(abbreviate(ver.expected())) + ", found "
                                + line(abbreviate(ver.actual()))));
            }
        }
        if (!r.findings().isEmpty()) {
            sb.append("findings:").append(System.lineSeparator());
            for (Finding f : r.findings()) {
                sb.append(String.format(Locale.ROOT, "  %-7s %s %s%s%n", f.severity(), line(f.code()),
                        text(f.message()), f.path() == null ? "" : " [" + line(f.path()) + "]"));
            }
        }
        if (!r.timings().isEmpty()) {
            sb.append("steps:").append(System.lineSeparator());
            for (StepTiming t : r.timings()) {
                sb.append(String.format(Locale.ROOT, "  %-8s %-40s %6d ms%n", t.status(), line(t.step()),
                        t.millis()));
            }
        }
        if (!r.tools().isEmpty()) {
            sb.append("tools:").append(System.lineSeparator());
            for (ToolVersion t : r.tools()) {
                sb.append(String.format(Locale.ROOT, "  %s %s (%s%s)%n", line(t.name()), line(t.version()),
                        line(t.origin()), t.path() == null ? "" : ", " + line(t.path())));
            }
        }
        return sb.toString();
    }

    private static void list(StringBuilder sb, String what, List<String> paths) {
        int n = 0;
        for (String p : paths) {
            if (n++ == MAX_LISTED) {
                sb.append(String.format(Locale.ROOT, "    … and %d more %s%n", paths.size() - MAX_LISTED, what));
                break;
            }
            sb.append("    ").append(what).append(": ").append(line(p)).append(System.lineSeparator());
        }
    }

    /** A single-line field: every control character escaped, line breaks too. */
    private static String line(String s) {
        return TerminalText.escapeLine(s);
    }

    /** A message: control characters escaped, line breaks kept. */
    private static String text(String s) {
        return TerminalText.escape(s);
    }

    private static String abbreviate(String s) {
        return s.length() > 100 ? s.substring(0, 97) + "…" : s;
    }

    /** Bytes for people: 1.5 MiB. */
    public static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
