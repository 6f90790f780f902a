package io.hybench.bench.load;

/**
 * Which share of a plan this process runs: shard {@code index} of {@code count}. Open loop: every
 * {@code count}-th arrival of each step's schedule, starting at {@code index}, so the shards' arrivals are
 * disjoint and their union is exactly the schedule of one machine. Closed loop: the users {@code u} with
 * {@code u % count == index}, and the same share of a request-count budget.
 */
public record ShardSpec(int index, int count) {
    /** One machine running the whole plan. */
    public static final ShardSpec WHOLE = new ShardSpec(0, 1);

    public ShardSpec {
        if (count < 1) throw new IllegalArgumentException("shard count must be at least 1, was " + count);
        if (index < 0 || index >= count) throw new IllegalArgumentException("shard index must be in 0.." + (count - 1) + ", was " + index);
    }

    /** Parses {@code I/N}, e.g. {@code 0/4}. */
    public static ShardSpec parse(String text) {
        String[] parts = text.split("/", -1);
        if (parts.length != 2) throw new IllegalArgumentException("--shard takes I/N (e.g. 0/4), was '" + text + "'");
        try {
            return new ShardSpec(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--shard takes I/N with whole numbers (e.g. 0/4), was '" + text + "'");
        }
    }

    /** Whether item {@code i} (an arrival, a user, a unit of a request budget) is this shard's. */
    public boolean owns(long i) {
        return i % count == index;
    }

    /** How many of the items {@code 0 .. total-1} are this shard's. */
    public long shareOf(long total) {
        return total / count + (index < total % count ? 1 : 0);
    }

    public boolean whole() {
        return count == 1;
    }
}
