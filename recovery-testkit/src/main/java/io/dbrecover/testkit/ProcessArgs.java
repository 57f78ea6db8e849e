package io.dbrecover.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** What every local user sees of a process: its command line ({@code /proc/<pid>/cmdline}). */
public final class ProcessArgs {
    private ProcessArgs() {
    }

    /** The arguments of a running process, separated by spaces. */
    public static String of(long pid) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            return new String(raw, StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
