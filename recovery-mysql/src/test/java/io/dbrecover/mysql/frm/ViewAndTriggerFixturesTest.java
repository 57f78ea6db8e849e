package io.dbrecover.mysql.frm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import io.dbrecover.mysql.ddl.TriggerDdlWriter;
import io.dbrecover.mysql.ddl.ViewDdlWriter;
import io.dbrecover.mysql.model.TriggerDefinition;
import io.dbrecover.mysql.model.ViewDefinition;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** View .frm and .TRG files written by MariaDB 10.11.19, against the server's own SHOW CREATE output. */
class ViewAndTriggerFixturesTest {
    static final Path DIR = Path.of("src/test/resources/views/mariadb-10.11.19");

    static List<Path> files(String suffix) throws Exception {
        try (Stream<Path> s = Files.list(DIR)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }

    static List<Path> viewFiles() throws Exception {
        List<Path> out = new ArrayList<>();
        for (Path p : files(".frm")) {
            if (ViewFrmReader.isView(Files.readAllBytes(p))) {
                out.add(p);
            }
        }
        return out;
    }

    @Test
    void theTablesTheViewsUseEqualShowCreateTable() throws Exception {
        List<Path> views = viewFiles();
        List<Path> tables = files(".frm").stream().filter(p -> !views.contains(p)).toList();
        assertThat(tables).hasSize(5);
        for (Path f : tables) {
            String expected = Files.readString(Path.of(f.toString().replace(".frm", ".show-create-table.sql")))
                    .stripTrailing();
            assertThat(io.dbrecover.mysql.ddl.DdlWriter.createTable(FrmReader.read(f, Files.readAllBytes(f),
                    fileName(f)))).as(f.toString()).isEqualTo(expected);
        }
    }

    /** {@code w__v.frm} → read as {@code v.frm}. */
    static String fileName(Path p) {
        return p.getFileName().toString().substring("w__".length());
    }

    @Test
    void everyViewEqualsShowCreateView() throws Exception {
        List<Path> views = viewFiles();
        assertThat(views).hasSizeGreaterThanOrEqualTo(13);
        for (Path f : views) {
            ViewDefinition v = ViewFrmReader.read(f, Files.readAllBytes(f), fileName(f));
            String expected = Files.readString(Path.of(f.toString().replace(".frm", ".show-create.sql")));
            assertThat(ViewDdlWriter.createView(v, "w")).as(f.toString()).isEqualTo(expected);
            assertThat(v.notes()).as(f.toString()).isEmpty();
        }
    }

    @Test
    void viewClausesAreDecoded() throws Exception {
        ViewDefinition v = read("w__v_local.frm");
        assertThat(v.checkOption()).isEqualTo(ViewDefinition.CheckOption.LOCAL);
        assertThat(read("w__v_check.frm").checkOption()).isEqualTo(ViewDefinition.CheckOption.CASCADED);
        assertThat(read("w__v_invoker.frm").security()).isEqualTo(ViewDefinition.Security.INVOKER);
        assertThat(read("w__v_merge.frm").algorithm()).isEqualTo(ViewDefinition.Algorithm.MERGE);
        assertThat(read("w__v_temp.frm").algorithm()).isEqualTo(ViewDefinition.Algorithm.TEMPTABLE);
        ViewDefinition d = read("w__v_definer.frm");
        assertThat(d.definerUser()).isEqualTo("some user");
        assertThat(d.definerHost()).isEqualTo("10.0.%");
        assertThat(read("w__v@0020odd@0060name.frm").name()).isEqualTo("v odd`name");
        assertThat(v.writerVersion()).isEqualTo(101119);
        assertThat(ViewDdlWriter.write(v)).endsWith(" WITH LOCAL CHECK OPTION;\n").startsWith("CREATE ALGORITHM=");
    }

    static ViewDefinition read(String name) throws Exception {
        Path f = DIR.resolve(name);
        return ViewFrmReader.read(f, Files.readAllBytes(f), fileName(f));
    }

    @Test
    void aQueryThatNoLongerMatchesItsMd5IsDamageThatShowsTheStoredText() throws Exception {
        Path f = DIR.resolve("w__v_plain.frm");
        byte[] data = Files.readString(f).replace("`w`.`t1`.`b` AS `b`", "`w`.`t1`.`c` AS `b`")
                .getBytes(StandardCharsets.UTF_8);
        RecoveryException e = catchThrowableOfType(RecoveryException.class,
                () -> ViewFrmReader.read(f, data, "v_plain.frm"));
        assertThat(e.code()).isEqualTo(ErrorCode.CORRUPT_INPUT);
        assertThat(e.getMessage()).contains("does not match the MD5 stored with it",
                "as stored it reads: select `w`.`t1`.`a` AS `a`,`w`.`t1`.`c` AS `b`");
        assertThat(e.offset()).hasValue(new String(data, StandardCharsets.UTF_8).indexOf("query=") + 6);
        assertThat(e.hint()).hasValueSatisfying(h -> assertThat(h).contains("create the view by hand"));
        byte[] noMd5 = Files.readString(f).replaceAll("(?m)^md5=.*\n", "").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> ViewFrmReader.read(f, noMd5, "v_plain.frm")).isInstanceOf(RecoveryException.class)
                .hasMessageContaining("'md5' is missing");
    }

    @Test
    void everyTriggerEqualsShowCreateTrigger() throws Exception {
        List<Path> trgs = files(".TRG");
        assertThat(trgs).hasSize(4);
        int count = 0;
        for (Path f : trgs) {
            List<TriggerDefinition> triggers = TriggerFileReader.read(f, Files.readAllBytes(f), fileName(f));
            Map<String, String[]> expected = expectedTriggers(
                    Path.of(f.toString().replace(".TRG", ".show-create-triggers.txt")));
            assertThat(triggers).extracting(TriggerDefinition::name).as(f.toString())
                    .containsExactlyInAnyOrderElementsOf(expected.keySet());
            for (TriggerDefinition t : triggers) {
                String[] e = expected.get(t.name());
                assertThat(t.sqlModeNames()).as(t.name()).isEqualTo(e[0]);
                assertThat(t.statement()).as(t.name()).isEqualTo(e[1]);
                count++;
            }
        }
        assertThat(count).isEqualTo(10);
    }

    @Test
    void triggersKeepTheirFiringOrderTimingAndEvent() throws Exception {
        Path f = DIR.resolve("w__t2.TRG");
        List<TriggerDefinition> t = TriggerFileReader.read(f, Files.readAllBytes(f), "t2.TRG");
        assertThat(t).extracting(TriggerDefinition::name).containsExactly("t2_bi", "t2 odd`trg", "t2_au");
        assertThat(t.get(0).timing()).isEqualTo("BEFORE");
        assertThat(t.get(0).event()).isEqualTo("INSERT");
        assertThat(t.get(0).sqlModeNames()).isEqualTo("PIPES_AS_CONCAT,ANSI_QUOTES");
        assertThat(t.get(1).event()).isEqualTo("UPDATE");
        assertThat(t.get(0).table()).isEqualTo("t2");
    }

    @Test
    void triggerScriptsWrapBodiesInADelimiterTheBodyDoesNotUse() throws Exception {
        Path f = DIR.resolve("w__t1.TRG");
        TriggerDefinition ai = TriggerFileReader.read(f, Files.readAllBytes(f), "t1.TRG").get(2);
        assertThat(ai.name()).isEqualTo("t1_ai");
        String script = TriggerDdlWriter.write(ai);
        assertThat(script).contains("SET sql_mode = 'STRICT_TRANS_TABLES,ERROR_FOR_DIVISION_BY_ZERO,"
                + "NO_AUTO_CREATE_USER,NO_ENGINE_SUBSTITUTION';\nDELIMITER ;;\nCREATE DEFINER=`root`@`localhost` "
                + "TRIGGER t1_ai AFTER INSERT").contains("END;;\nDELIMITER ;\n")
                .endsWith("SET sql_mode = @dbrecover_saved_sql_mode;\n");
        TriggerDefinition odd = new TriggerDefinition("x", "t", "AFTER", "DELETE", "CREATE TRIGGER x AFTER DELETE "
                + "ON t FOR EACH ROW BEGIN SET @a = ';;'; END", 0, "", "", "", "", "", "");
        assertThat(TriggerDdlWriter.write(odd)).contains("DELIMITER $$\n").contains("END$$\n");
    }

    static Map<String, String[]> expectedTriggers(Path file) throws Exception {
        Map<String, String[]> out = new LinkedHashMap<>();
        List<String> lines = List.of(Files.readString(file).split("\n", -1));
        int i = 0;
        while (i < lines.size() && lines.get(i).startsWith("-- trigger: ")) {
            String name = lines.get(i).substring("-- trigger: ".length());
            String mode = lines.get(i + 1).substring("-- sql_mode: ".length());
            List<String> body = new ArrayList<>();
            i += 2;
            while (!lines.get(i).equals("-- end")) {
                body.add(lines.get(i++));
            }
            i++;
            out.put(name, new String[] {mode, String.join("\n", body)});
        }
        return out;
    }

    @Test
    void damagedCopiesGiveTypedErrorsOnly() throws Exception {
        List<Path> all = new ArrayList<>(viewFiles());
        all.addAll(files(".TRG"));
        Random random = new Random(4);
        int typed = 0;
        int readable = 0;
        for (Path f : all) {
            byte[] good = Files.readAllBytes(f);
            for (int n = 0; n < 60; n++) {
                byte[] bad = good.clone();
                if (n % 3 == 0) {
                    bad = java.util.Arrays.copyOf(good, random.nextInt(good.length));
                } else {
                    for (int k = 0; k <= n % 4; k++) {
                        int at = random.nextInt(bad.length);
                        bad[at] = (byte) (bad[at] ^ (1 << random.nextInt(8)));
                    }
                }
                try {
                    if (f.toString().endsWith(".TRG")) {
                        TriggerFileReader.read(f, bad, fileName(f));
                    } else {
                        ViewDdlWriter.write(ViewFrmReader.read(f, bad, fileName(f)));
                    }
                    readable++;
                } catch (RecoveryException e) {
                    assertThat(e.code()).isIn(ErrorCode.CORRUPT_INPUT, ErrorCode.UNSUPPORTED_FORMAT);
                    typed++;
                }
            }
        }
        System.out.println("damaged view/trigger files: " + typed + " typed errors, " + readable + " still readable");
        assertThat(typed).isPositive();
    }

    @Test
    void aTableFrmIsNotAView() {
        Path f = Path.of("src/test/resources/frm/mariadb-10.11.19/v__t_int.frm");
        assertThatThrownBy(() -> ViewFrmReader.read(f)).isInstanceOf(RecoveryException.class)
                .hasMessageContaining("TYPE=VIEW");
    }
}
