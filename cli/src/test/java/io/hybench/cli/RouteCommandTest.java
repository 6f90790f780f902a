package io.hybench.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** hybench route's refusals: one line naming the problem, exit code 2, before anything listens. */
class RouteCommandTest {
    private static final String LOCAL = "api=openai,flavor=vllm,url=http://127.0.0.1:1,model=small";
    private static final String CLOUD = "api=anthropic,url=http://127.0.0.1:2,model=big";

    @TempDir
    Path dir;

    private Path spec(String policy, String column) throws Exception {
        return Files.writeString(dir.resolve("router-spec.json"), "{\"specVersion\":2,\"policy\":" + policy + ",\"scoreColumns\":[\"" + column
                + "\"],\"scoreSense\":\"HIGHER_MEANS_LOCAL\",\"recalibration\":{},\"rules\":[\"r\"],\"localModel\":\"small\",\"cloudModel\":\"big\"}");
    }

    private static void oneLine(CliRun r, String expected) {
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().startsWith("hybench route: ") && r.err().contains(expected), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace");
    }

    @Test
    void aPreRouteSpecIsRefusedWithTheReason() throws Exception {
        Path f = spec("{\"kind\":\"pre-route\",\"routerScore\":0,\"cloudBelow\":0.4}", "strong_win_rate");
        oneLine(CliRun.of("route", "--spec", f.toString(), "--local", LOCAL, "--cloud", CLOUD), "pre-generation score 'strong_win_rate'");
    }

    @Test
    void aCascadeOnASignalTheRouterCannotComputeIsRefused() throws Exception {
        Path f = spec("{\"kind\":\"cascade\",\"confidenceScore\":0,\"escalateBelow\":0.4}", "local_p_choice");
        oneLine(CliRun.of("route", "--spec", f.toString(), "--local", LOCAL, "--cloud", CLOUD), "'local_p_choice' cannot be computed live");
    }

    @Test
    void badInputsAreOneLineEach() throws Exception {
        Path f = spec("{\"kind\":\"cascade\",\"confidenceScore\":0,\"escalateBelow\":-0.4}", "local_mean_logprob");
        oneLine(CliRun.of("route", "--spec", dir.resolve("missing.json").toString(), "--local", LOCAL, "--cloud", CLOUD), "missing.json");
        oneLine(CliRun.of("route", "--spec", f.toString(), "--local", "api=carrier-pigeon,url=http://x,model=m", "--cloud", CLOUD), "api 'carrier-pigeon'");
        oneLine(CliRun.of("route", "--spec", f.toString(), "--local", LOCAL, "--cloud", CLOUD, "--local-max-queue-ms", "50"),
                "--local-max-queue-ms needs a local limit");
        oneLine(CliRun.of("route", "--spec", f.toString(), "--local", LOCAL, "--cloud", CLOUD, "--confidence-span", "sentence"),
                "--confidence-span must be answer or reply");
        oneLine(CliRun.of("route", "--spec", f.toString(), "--local", LOCAL, "--cloud", CLOUD, "--local-capacity-from", dir.toString()),
                "cannot read run folder");
    }

    @Test
    void aBugOfOursIsAnInternalErrorNotARefusal() {
        CliRun r = CliRun.withBug("route", "--spec", CliRun.BROKEN, "--local", LOCAL, "--cloud", CLOUD);
        assertEquals(1, r.code(), r.err());
        assertEquals(List.of(CliRun.bugLine("route")), r.errLines());
    }
}
