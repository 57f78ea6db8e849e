package io.dbrecover.testkit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Kills a {@link ChildJvm} with SIGKILL at a chosen moment and collects what it leaves behind: the proof that a
 * killed run leaves no server running and no password in a file.
 */
public final class JvmKill {
    /** How long after the kill everything must be gone. */
    public static final Duration BOUND = Duration.ofSeconds(5);

    /**
     * What the test sees while the JVM runs.
     *
     * @param processes   running processes that mention the watched text (see {@link Leftovers#processesMentioning})
     * @param secretFiles password files under the roots
     * @param ready       whether the JVM printed {@code READY}
     */
    public record Scene(List<String> processes, List<Path> secretFiles, boolean ready) {
        /** Whether one of the processes' command lines contains all these texts. */
        public boolean running(String... texts) {
            return processes.stream().anyMatch(p -> java.util.Arrays.stream(texts).allMatch(p::contains));
        }

        /** Whether a password file of this name (a regular expression) is there. */
        public boolean hasFile(String name) {
            return secretFiles.stream().anyMatch(f -> f.getFileName().toString().matches(name));
        }
    }

    /**
     * What happened.
     *
     * @param atKill          the scene the kill was made in
     * @param passwords       every password seen in a password file or a {@code READY} line up to the kill
     * @param left            processes (those mentioning the watched text, and those that did or were in
     *                        their families at the kill: see {@link Leftovers#family}) and password files still
     *                        there {@link #BOUND} after the kill
     * @param holdingPassword files under the roots that still contain one of the passwords
     * @param output          the JVM's output
     */
    public record Result(Scene atKill, Set<String> passwords, List<String> left, List<Path> holdingPassword,
                         String output) {
    }

    private JvmKill() {
    }

    /**
     * Watches until {@code when} holds (polling every few milliseconds), kills the JVM with SIGKILL, and reports.
     *
     * @param watched text that every process of the run has in its command line (e.g. its temp dir)
     * @param roots   where the run's files are (its base and work dirs, its {@code java.io.tmpdir})
     */
    public static Result killWhen(ChildJvm jvm, String watched, Collection<Path> roots, Predicate<Scene> when,
                                  Duration timeout) throws InterruptedException {
        Set<String> passwords = new LinkedHashSet<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        Scene scene;
        while (true) {
            Optional<String> ready = jvm.line("READY ");
            ready.ifPresent(l -> passwords.add(l.substring(l.lastIndexOf(' ') + 1)));
            scene = new Scene(Leftovers.processesMentioning(watched), Leftovers.secretFiles(roots), ready.isPresent());
            scene.secretFiles().forEach(f -> passwords.addAll(Leftovers.passwordsIn(f)));
            if (when.test(scene)) {
                break;
            }
            if (!jvm.isAlive() || System.nanoTime() > deadline) {
                jvm.close();
                throw new AssertionError("the moment to kill never came (alive: " + jvm.isAlive() + ", last scene "
                        + scene + "); the JVM's output:\n" + jvm.output());
            }
            Thread.sleep(3);
        }
        Map<Long, String> family = Leftovers.family(watched);
        jvm.kill();
        List<String> left = new ArrayList<>(Leftovers.awaitGone(BOUND, watched, family, roots));
        List<Path> holding = passwords.isEmpty() ? List.of() : Leftovers.filesContaining(roots, passwords);
        return new Result(scene, passwords, left, holding, jvm.output());
    }
}
