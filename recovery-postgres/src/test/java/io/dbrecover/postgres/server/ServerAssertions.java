package io.dbrecover.postgres.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

/** What every IT checks once a server is closed. */
final class ServerAssertions {
    private ServerAssertions() {
    }

    static void assertGone(long pid, Path tempDir) {
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                .as("postgres (pid %d) still running", pid).isFalse();
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList())
                .as("children of this JVM left running").isEmpty();
        if (tempDir != null) {
            assertThat(tempDir).doesNotExist();
        }
    }
}
