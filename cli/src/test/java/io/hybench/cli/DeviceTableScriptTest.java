package io.hybench.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * scripts/accuracy/device-table when the emulator never comes up: one line saying so, exit 1, and no bench run
 * against nothing. The bundle is a fake whose {@code hybench} notes each command and fails {@code emulate} at once.
 */
class DeviceTableScriptTest {
    private static final Path SCRIPT = Path.of("..", "scripts", "accuracy", "device-table").toAbsolutePath().normalize();

    @Test
    void stopsWithOneLineWhenTheEmulatorNeverStarts(@TempDir Path dir) throws Exception {
        Path calls = dir.resolve("calls.txt");
        Path home = dir.resolve("bundle").resolve("hybench");
        executable(home.resolve("bin").resolve("hybench"), """
                #!/bin/sh
                echo "$1" >> '%s'
                [ "$1" = emulate ] && { echo "emulate: port 18431 in use" >&2; exit 1; }
                exit 0
                """.formatted(calls));
        executable(home.resolve("jre").resolve("bin").resolve("java"), "#!/bin/sh\nexit 0\n");
        Path bundle = dir.resolve("hybench.tar.xz");
        Process tar = new ProcessBuilder("python3", "-c", "import sys, tarfile; t = tarfile.open(sys.argv[1], 'w:xz'); t.add(sys.argv[2], arcname='hybench'); t.close()",
                bundle.toString(), home.toString()).inheritIO().start();
        assertEquals(0, tar.waitFor());

        Path out = dir.resolve("out");
        ProcessBuilder pb = new ProcessBuilder("bash", SCRIPT.toString(), "--parts", "accuracy", "--bundle", bundle.toString(),
                "--client-cpu", "0", "--server-cpu", "0").redirectError(dir.resolve("stderr.txt").toFile())
                .redirectOutput(dir.resolve("stdout.txt").toFile());
        pb.environment().put("OUT", out.toString());
        Process run = pb.start();
        assertTrue(run.waitFor(150, TimeUnit.SECONDS), "device-table still running");
        String err = Files.readString(dir.resolve("stderr.txt"));
        assertEquals(1, run.exitValue(), err);
        assertEquals(List.of("device-table: the emulator exited before it started (its log: " + out.resolve("emulator.log") + ")"),
                err.strip().lines().toList());
        assertTrue(Files.readString(out.resolve("emulator.log")).contains("port 18431 in use"), "the emulator's log is kept in OUT");
        assertEquals(List.of("--version", "emulate"), Files.readAllLines(calls), "no bench or score after the emulator failed");
    }

    private static void executable(Path file, String text) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
