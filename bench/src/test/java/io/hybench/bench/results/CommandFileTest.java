package io.hybench.bench.results;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommandFileTest {

    @Test
    void plainArgumentsStayReadableAndTheLineStartsWhereTheCommandRan() {
        assertEquals("cd /tmp/x && hybench bench --workload w.yaml --users 1,2,4",
                CommandFile.line(Path.of("/tmp/x"), "hybench", List.of("bench", "--workload", "w.yaml", "--users", "1,2,4")));
        assertEquals("cd '/tmp/my dir' && hybench calibrate --out 'a b' 'it'\\''s'",
                CommandFile.line(Path.of("/tmp/my dir"), "hybench", List.of("calibrate", "--out", "a b", "it's")));
    }

    @Test
    void writtenLineReadsBackAndAMissingFileIsEmpty(@TempDir Path dir) {
        assertTrue(CommandFile.read(dir).isEmpty());
        CommandFile.write(dir, "hybench", List.of("calibrate", "--seed", "7"));
        String line = CommandFile.read(dir).orElseThrow();
        assertTrue(line.endsWith(" && hybench calibrate --seed 7"), line);
    }

    /** The shell itself splits the quoted line back into exactly the original arguments. */
    @Property(tries = 25)
    void theShellGetsBackEveryArgument(@ForAll @Size(max = 4) List<@StringLength(max = 12)
            @Chars({' ', '\'', '"', '$', '`', '\\', '*', '?', ';', '&', '|', '\n', '\t', '~', '#', '!'})
            @CharRange(from = 'a', to = 'e') String> args) throws Exception {
        List<String> argv = new ArrayList<>(List.of("printf", "%s\\0"));
        argv.addAll(args);
        String line = String.join(" ", argv.stream().map(CommandFile::quote).toList());
        Process p = new ProcessBuilder("sh", "-c", line).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor());
        List<String> got = args.isEmpty() ? List.of() : List.of(out.split("\0", -1)).subList(0, args.size());
        assertEquals(args, got);
    }
}
