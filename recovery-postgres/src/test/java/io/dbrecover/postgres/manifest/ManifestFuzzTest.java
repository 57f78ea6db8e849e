package io.dbrecover.postgres.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.testkit.Mutator;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mutated copies of a real manifest: parsed or refused with a RecoveryException, never anything else. */
class ManifestFuzzTest {
    private static final int ROUNDS = 1500;

    @Test
    void mutatedManifestsAreParsedOrRefusedNeverCrash(@TempDir Path dir) throws Exception {
        byte[] original = Files.readAllBytes(ManifestParserTest.PG15);
        // the first entries only: the rest of the file is more of the same, and a small file mutates densely
        int cut = indexOfNthNewline(original, 40);
        byte[] head = java.util.Arrays.copyOf(original, cut + 1);
        Mutator mutator = new Mutator(19);
        int refused = 0;
        int parsed = 0;
        Path file = dir.resolve("backup_manifest");
        for (int i = 0; i < ROUNDS; i++) {
            Mutator.Mutant m = mutator.next(i % 2 == 0 ? head : original, Mutator.Layout.none());
            Files.write(file, m.data());
            try {
                Manifest parsedManifest = new ManifestParser(file).parse();
                assertThat(parsedManifest.files()).isNotNull();
                parsed++;
            } catch (RecoveryException e) {
                assertThat(e.getMessage()).contains(file.toString());
                refused++;
            } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
                fail("mutant '" + m.description() + "' made the parser throw " + e, e);
            }
        }
        assertThat(refused + parsed).isEqualTo(ROUNDS);
        assertThat(refused).as("most mutants are damage").isGreaterThan(ROUNDS / 2);
    }

    private static int indexOfNthNewline(byte[] b, int n) {
        int seen = 0;
        for (int i = 0; i < b.length; i++) {
            if (b[i] == '\n' && ++seen == n) {
                return i;
            }
        }
        return b.length - 1;
    }
}
