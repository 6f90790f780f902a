package io.hybench.bench.load;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Names a plan: SHA-256 of the resolved workload as written to {@code workload.resolved.yaml} (targets, load,
 * limits, seed ...). Shards run with the same workload and overrides share it; {@code hybench merge} refuses
 * folders whose hashes differ. Sharding itself is not in the workload, so it does not change the hash.
 */
public final class PlanHash {
    private PlanHash() {
    }

    public static String of(Workload w) {
        return ofText(WorkloadYaml.write(w));
    }

    public static String ofText(String resolvedWorkloadYaml) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(resolvedWorkloadYaml.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
