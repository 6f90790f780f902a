package io.hybench.emulator;

import io.hybench.core.testing.OfficialSdks;
import io.hybench.emulator.profile.ProfileLoader;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The official JavaScript SDKs (ollama, openai, @anthropic-ai/sdk, versions pinned in
 * scripts/sdk-check/package-lock.json) accept what the emulator sends: scripts/sdk-check/check.mjs
 * against four emulators started here. Skipped, with the reason, where node or npm is not on PATH;
 * the first run installs the packages with {@code npm ci}, which needs the npm registry.
 */
class OfficialSdkCheckTest {
    private static final Map<String, String> PROFILES = Map.of(
            "SDK_CHECK_OLLAMA_URL", "sdk-ollama",
            "SDK_CHECK_VLLM_URL", "sdk-vllm",
            "SDK_CHECK_CLOUD_URL", "sdk-cloud",
            "SDK_CHECK_OVERLOADED_URL", "sdk-cloud-overloaded");

    @Test
    void officialSdksAcceptTheEmulatorsReplies() throws Exception {
        Assumptions.assumeTrue(OfficialSdks.runs("node", "--version"), "node is not on PATH: the official-SDK check needs Node >= 20");
        Assumptions.assumeTrue(OfficialSdks.runs("npm", "--version"), "npm is not on PATH: the official-SDK check installs the SDKs with npm");
        OfficialSdks.installNodeSdks();
        List<Emulator> emulators = new ArrayList<>();
        try {
            ProcessBuilder node = new ProcessBuilder("node", "check.mjs").directory(OfficialSdks.DIR.toFile()).redirectErrorStream(true);
            for (var e : PROFILES.entrySet()) {
                Emulator emulator = Emulator.start(ProfileLoader.load(OfficialSdks.DIR.resolve("profiles/" + e.getValue() + ".yaml").toString()), 0, 1);
                emulators.add(emulator);
                node.environment().put(e.getKey(), emulator.baseUrl().toString());
            }
            OfficialSdks.Result check = OfficialSdks.run(node, 120);
            assertEquals(0, check.exit(), "scripts/sdk-check/check.mjs failed:\n" + check.output());
        } finally {
            emulators.forEach(Emulator::close);
        }
    }
}
