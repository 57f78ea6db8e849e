package io.dbrecover.core.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads a child's output line by line on its own thread, logs it, and keeps a bounded tail and capture. */
final class OutputPump implements Runnable {
    /** The most a pump keeps of a process's whole output; beyond that only the tail is kept. */
    static final int CAPTURE_LIMIT = 1 << 20;
    private static final int MAX_LINE = 8192;

    private final InputStream in;
    private final Logger log;
    private final int tailLines;
    private final ArrayDeque<String> tail = new ArrayDeque<>();
    private final StringBuilder capture = new StringBuilder();
    private boolean captureTruncated;
    private final Thread thread;
    private final Consumer<String> listener;

    OutputPump(InputStream in, String toolName, long pid, int tailLines) {
        this(in, toolName, pid, tailLines, null);
    }

    OutputPump(InputStream in, String toolName, long pid, int tailLines, Consumer<String> listener) {
        this.in = in;
        this.listener = listener;
        this.log = LoggerFactory.getLogger("dbrecover.process." + toolName);
        this.tailLines = tailLines;
        this.thread = new Thread(this, toolName + ":" + pid);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    @Override
    public void run() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.length() > MAX_LINE) {
                    line = line.substring(0, MAX_LINE) + "…";
                }
                log.debug("{}", line);
                if (listener != null) {
                    listener.accept(line);
                }
                synchronized (this) {
                    tail.addLast(line);
                    if (tail.size() > tailLines) {
                        tail.removeFirst();
                    }
                    if (capture.length() + line.length() + 1 <= CAPTURE_LIMIT) {
                        capture.append(line).append('\n');
                    } else {
                        captureTruncated = true;
                    }
                }
            }
        } catch (IOException e) {
            log.debug("output stream closed: {}", e.getMessage());
        }
    }

    void join(long millis) {
        try {
            thread.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    synchronized List<String> tail() {
        return new ArrayList<>(tail);
    }

    synchronized String captured() {
        return captureTruncated ? capture + "[output truncated]\n" : capture.toString();
    }
}
