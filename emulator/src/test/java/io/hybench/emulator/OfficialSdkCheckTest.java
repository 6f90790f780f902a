package io.hybench.emulator;

import io.hybench.emulator.profile.ProfileLoader;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The official JavaScript SDKs (ollama, openai, @anthropic-ai/sdk, versions pinned in
 * scripts/sdk-check/package-lock.json) accept what the emulator sends: scripts/sdk-check/check.mjs
 * against four emulators started here. Skipped, with the reason, where node or npm is not on PATH;
 * the first run installs the packages with {@code npm ci}, which needs the npm registry.
 */
class OfficialSdkCheckTest {
    private static final Path DIR = Path.of("..", "scripts", "sdk-check").toAbsolutePath().normalize();
    private static final Map<String, String> PROFILES = Map.of(
            "SDK_CHECK_OLLAMA_URL", "sdk-ollama",
            "SDK_CHECK_VLLM_URL", "sdk-vllm",
            "SDK_CHECK_CLOUD_URL", "sdk-cloud",
            "SDK_CHECK_OVERLOADED_URL", "sdk-cloud-overloaded");

    @Test
    void officialSdksAcceptTheEmulatorsReplies() throws Exception {
        Assumptions.assumeTrue(runs("node", "--version"), "node is not on PATH: the official-SDK check needs Node >= 20");
        Assumptions.assumeTrue(runs("npm", "--version"), "npm is not on PATH: the official-SDK check installs the SDKs with npm");
        installSdks();
        List<Emulator> emulators = new ArrayList<>();
        try {
            ProcessBuilder node = new ProcessBuilder("node", "check.mjs").directory(DIR.toFile()).redirectErrorStream(true);
            for (var e : PROFILES.entrySet()) {
                Emulator emulator = Emulator.start(ProfileLoader.load(DIR.resolve("profiles/" + e.getValue() + ".yaml").toString()), 0, 1);
                emulators.add(emulator);
                node.environment().put(e.getKey(), emulator.baseUrl().toString());
            }
            Result check = run(node, 120);
            assertEquals(0, check.exit(), "scripts/sdk-check/check.mjs failed:\n" + check.output());
        } finally {
            emulators.forEach(Emulator::close);
        }
    }

    /** {@code npm ci} unless node_modules already holds exactly the locked packages. */
    private static void installSdks() throws IOException, InterruptedException {
        Path installed = DIR.resolve("node_modules/.package-lock.json");
        Path lock = DIR.resolve("package-lock.json");
        if (Files.isRegularFile(installed) && Files.getLastModifiedTime(installed).compareTo(Files.getLastModifiedTime(lock)) >= 0) return;
        Result ci = run(new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--prefer-offline")
                .directory(DIR.toFile()).redirectErrorStream(true), 300);
        if (ci.exit() != 0) fail("npm ci in " + DIR + " failed (exit " + ci.exit() + "; it needs the npm registry once):\n" + ci.output());
    }

    private record Result(int exit, String output) {
    }

    private static Result run(ProcessBuilder pb, long timeoutSeconds) throws IOException, InterruptedException {
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

    private static boolean runs(String... command) {
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
