package io.dbrecover.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.dbrecover.core.RecoveryRun;
import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.mysql.IntoServer;
import io.dbrecover.mysql.MySqlRecover;
import io.dbrecover.mysql.RecoverRequest;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class CliFlagsTest {
    @Test
    void aLibraryErrorNamingRequestFieldsIsPrintedWithTheCliFlags() {
        RecoveryException library = RecoveryException.of(ErrorCode.USAGE, "RecoveryRun.jobs must be at least 1")
                .path(Path.of("/work/w")).offset(7).hint("wait for it to finish, or choose another RecoveryRun.workDir")
                .outputTail(List.of("last line")).build();

        RecoveryException printed = CliFlags.named(library);

        assertThat(printed.getMessage()).isEqualTo("--jobs must be at least 1");
        assertThat(printed.hint()).contains("wait for it to finish, or choose another --workdir");
        assertThat(printed.code()).isEqualTo(ErrorCode.USAGE);
        assertThat(printed.path()).contains(Path.of("/work/w"));
        assertThat(printed.offset()).hasValue(7);
        assertThat(printed.outputTail()).containsExactly("last line");
        assertThat(printed.getCause()).isSameAs(library);
    }

    @Test
    void anErrorNamingNoRequestFieldIsPrintedAsItIs() {
        RecoveryException library = RecoveryException.of(ErrorCode.CORRUPT_INPUT, "bad page").hint("try a copy")
                .build();

        assertThat(CliFlags.named(library)).isSameAs(library);
    }

    @Test
    void recoveryRunErrorsNameItsFieldsAndReadAsBeforeAtTheCommandLine() {
        RecoveryException jobs = catchThrowableOfType(RecoveryException.class,
                () -> RecoveryRun.builder("mysql", "recover").jobs(0));
        RecoveryException workDir = catchThrowableOfType(RecoveryException.class,
                () -> RecoveryRun.builder("mysql", "recover").source(Path.of("/srv/old")).build());

        assertThat(jobs.getMessage()).isEqualTo("RecoveryRun.jobs must be at least 1, not 0");
        assertThat(CliFlags.named(jobs).getMessage()).isEqualTo("--jobs must be at least 1, not 0");
        assertThat(workDir.hint()).contains("pass RecoveryRun.workDir DIR");
        assertThat(CliFlags.named(workDir).hint()).contains("pass --workdir DIR");
    }

    @Test
    void mysqlRecoverErrorsNameTheRequestAndReadAsBeforeAtTheCommandLine() {
        RecoveryException noSource = catchThrowableOfType(RecoveryException.class,
                () -> RecoverRequest.builder().workDir(Path.of("/srv/rec")).build());
        RecoveryException both = catchThrowableOfType(RecoveryException.class,
                () -> RecoverRequest.builder().from(Path.of("/srv/old")).workDir(Path.of("/srv/rec"))
                        .dump(Path.of("/srv/d.sql")).into(IntoServer.of("jdbc:mariadb://127.0.0.1/?user=r", null, null,
                                Set.of("shop"))).build());
        RecoveryException unconfirmed = catchThrowableOfType(RecoveryException.class,
                () -> IntoServer.of("jdbc:mariadb://127.0.0.1/?user=r", null, null, Set.of()));

        assertThat(noSource.hint()).contains("pass RecoverRequest.from DIR");
        assertThat(CliFlags.named(noSource).hint()).contains("pass --from DIR");
        assertThat(CliFlags.named(both).getMessage()).startsWith("--dump and --into do not go together: with --into");
        assertThat(CliFlags.named(unconfirmed).getMessage())
                .isEqualTo("--into needs the databases recover may create tables in");
        assertThat(CliFlags.named(unconfirmed).hint().orElseThrow()).contains("name them with --confirm-into DB[,DB…]");
    }

    /**
     * A message of recovery-mysql that names a field the CLI does not map would reach the user as
     * {@code RecoverRequest.something}: every such name in its classes' strings has a flag, and names a real field
     * (or, for the password file, the method that reads it).
     */
    @Test
    void everyRequestFieldTheMysqlLibraryNamesHasAFlag() throws IOException, URISyntaxException {
        Path classes = Path.of(MySqlRecover.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Set<String> named = new TreeSet<>();
        Pattern field = Pattern.compile("(RecoverRequest|IntoServer)\\.(?!java\\b)[a-z][A-Za-z]*");
        if (Files.isDirectory(classes)) {
            try (Stream<Path> files = Files.walk(classes)) {
                for (Path f : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                    field.matcher(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).results()
                            .forEach(m -> named.add(m.group()));
                }
            }
        } else {
            try (JarFile jar = new JarFile(classes.toFile())) {
                for (JarEntry e : Collections.list(jar.entries())) {
                    if (e.getName().endsWith(".class")) {
                        try (InputStream in = jar.getInputStream(e)) {
                            field.matcher(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1)).results()
                                    .forEach(m -> named.add(m.group()));
                        }
                    }
                }
            }
        }
        Set<String> real = new TreeSet<>();
        for (RecordComponent c : RecoverRequest.class.getRecordComponents()) {
            real.add("RecoverRequest." + c.getName());
        }
        for (RecordComponent c : IntoServer.class.getRecordComponents()) {
            real.add("IntoServer." + c.getName());
        }
        real.add("IntoServer.readPassword");

        assertThat(named).as("the request fields recovery-mysql's messages name").contains("RecoverRequest.from",
                "RecoverRequest.jobs", "RecoverRequest.into", "IntoServer.databases");
        assertThat(named).allSatisfy(n -> {
            assertThat(real).as("a field of the request").contains(n);
            assertThat(CliFlags.flags(n)).as("the flag of " + n).startsWith("--");
        });
    }
}
