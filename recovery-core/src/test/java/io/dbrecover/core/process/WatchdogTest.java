package io.dbrecover.core.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WatchdogTest {
    private static final String TAIL = " S 1 20 20 0 -1 4194560 1014 0 0 0 3 1 0 0 20 0 1 0 280194 2600960 230";

    @Test
    void startTimeIsTheTwentySecondField() {
        assertThat(Watchdog.startTimeOf("4242 (mariadbd)" + TAIL)).isEqualTo("280194");
    }

    @Test
    void aCommandNameWithSpacesAndParenthesesDoesNotShiftTheFields() {
        // a process may name itself so as to look like other fields; only the last ") " ends the name
        assertThat(Watchdog.startTimeOf("4242 (x) S 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 999 (y)" + TAIL))
                .isEqualTo("280194");
    }

    @Test
    void aLineWithoutAStartTimeIsRefused() {
        assertThatThrownBy(() -> Watchdog.startTimeOf("4242 (sh) S 1 2")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Watchdog.startTimeOf("garbage")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theScriptsReadTheSameStartTimeAsJava() {
        // the parsing lines of both scripts, run by sh on a hostile name: they must agree with startTimeOf
        String line = "4242 (x) S 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 999 (y)" + TAIL;
        for (String script : new String[] {Watchdog.WATCHDOG_SCRIPT, Watchdog.GUARD_SCRIPT}) {
            String parse = script.lines().filter(l -> l.startsWith("st() ")).findFirst().orElseThrow();
            assertThat(script).contains("st ${l##*) }");
            ProcessResult r = new ProcessRunner().run(ProcessSpec.of("/bin/sh", "-c", parse
                    + "\nl=\"$1\"\nst ${l##*) }\necho \"$S $T\"", "sh", line).build());
            assertThat(r.output()).isEqualTo("S " + Watchdog.startTimeOf(line) + "\n");
        }
    }
}
