package io.hybench.core.testing;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The official-SDK checks of scripts/sdk-check (the emulator's and hybench route's): installs the SDKs (npm
 * packages pinned in package-lock.json; the openai Python package into a virtual environment), runs a check
 * script, returns its exit status and output.
 */
public final class OfficialSdks {
    public static final Path DIR = Path.of("..", "scripts", "sdk-check").toAbsolutePath().normalize();

    private OfficialSdks() {
    }

    public record Result(int exit, String output) {
    }

    /** {@code npm ci} unless node_modules already holds exactly the locked packages. */
    public static void installNodeSdks() throws IOException, InterruptedException {
        Path installed = DIR.resolve("node_modules/.package-lock.json");
        Path lock = DIR.resolve("package-lock.json");
        if (Files.isRegularFile(installed) && Files.getLastModifiedTime(installed).compareTo(Files.getLastModifiedTime(lock)) >= 0) return;
        Result ci = run(new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--prefer-offline").directory(DIR.toFile()).redirectErrorStream(true), 300);
        if (ci.exit() != 0) fail("npm ci in " + DIR + " failed (exit " + ci.exit() + "; it needs the npm registry once):\n" + ci.output());
    }

    /**
     * A Python with the openai SDK: a virtual environment at {@code venv} with {@code pip install openai}.
     * Skipped, with the reason, where python3 is missing or the pip index cannot supply the package.
     */
    public static Path pythonWithOpenAi(Path venv) throws IOException, InterruptedException {
        Path python = venv.resolve("bin/python");
        if (runs(python.toString(), "-c", "import openai")) return python; // installed by an earlier run
        Assumptions.assumeTrue(runs("python3", "--version"), "python3 is not on PATH: the Python SDK check needs it");
        Result made = run(new ProcessBuilder("python3", "-m", "venv", venv.toString()).redirectErrorStream(true), 120);
        Assumptions.assumeTrue(made.exit() == 0, "python3 -m venv failed, so the openai Python SDK cannot be installed:\n" + made.output());
        // no retries: an index that cannot be reached fails at once and the next configured one is asked
        Result pip = run(new ProcessBuilder(python.toString(), "-m", "pip", "install", "-q", "--retries", "0", "openai").redirectErrorStream(true), 300);
        Assumptions.assumeTrue(pip.exit() == 0, "pip install openai failed (no reachable package index?):\n" + pip.output());
        return python;
    }

    public static Result run(ProcessBuilder pb, long timeoutSeconds) throws IOException, InterruptedException {
        Path log = Files.createTempFile("sdk-check-", ".log");
        try {
            Process p = pb.redirectOutput(log.toFile()).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail(String.join(" ", pb.command()) + " did not finish in " + timeoutSeconds + " s:\n" + Files.readString(log));
            }
            return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    public static boolean runs(String... command) {
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
