package io.hybench.bench.results;

import java.util.List;

/**
 * Which shards of one plan a result folder holds: one for a shard's own folder, all of them for a merge.
 *
 * @param count    N: how many shards the plan was split into
 * @param planHash hash of the resolved workload without its shard settings; equal for every shard of one plan
 * @param startAt  the shared start instant (ISO-8601 UTC) every shard waited for
 * @param shards   the shards in this folder, by index
 */
public record Sharding(int count, String planHash, String startAt, List<Shard> shards) {
    public Sharding {
        shards = List.copyOf(shards);
    }

    /**
     * @param index         0-based shard index
     * @param runId         the shard's own run id (folder name)
     * @param startSkewMs   how late the shard began: in its own folder, its first step after the shared instant (by its own
     *                      clock); in a merge, the worst of that and of any step's start after the earliest shard's
     * @param clockOffsetMs the shard's wall clock minus the shared volume's (from a probe file's modification
     *                      time); NaN when not measured, with {@code clockNote} saying why
     * @param clockNote     how the offset was measured, or why not
     * @param trusted       every step of the shard passed its self-checks
     */
    public record Shard(int index, String runId, double startSkewMs, double clockOffsetMs, String clockNote, boolean trusted) {
    }
}
