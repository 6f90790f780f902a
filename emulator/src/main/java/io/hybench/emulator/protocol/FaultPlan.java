package io.hybench.emulator.protocol;

import io.hybench.emulator.profile.FaultParams;

import java.util.SplittableRandom;

/**
 * The faults one request will suffer, drawn once from the profile's rates with a generator keyed by
 * (emulator seed, request number), so a rerun with the same seed injects the same faults. Requests are
 * numbered from 1 in arrival order.
 *
 * @param stallAt       token index before which the stream pauses, or -1
 * @param disconnectAt  token index at which the connection is cut, or -1
 * @param malformedAt   token index whose chunk is replaced by invalid JSON, or -1
 */
record FaultPlan(boolean serverError, long slowHeadersNanos, int stallAt, long stallNanos, int disconnectAt,
                 int malformedAt) {
    static final FaultPlan NONE = new FaultPlan(false, 0, -1, 0, -1, -1);

    static FaultPlan draw(FaultParams f, long seed, long ordinal, int textTokens) {
        if (f.equals(FaultParams.NONE) || ordinal <= f.healthyRequests()) return NONE;
        SplittableRandom r = new SplittableRandom(TokenText.mix(seed * 0x632BE59BD9B4E019L + ordinal));
        boolean serverError = r.nextDouble() < f.serverErrorRate();
        long slow = r.nextDouble() < f.slowHeadersRate() ? f.slowHeadersNanos() : 0;
        int tokens = Math.max(1, textTokens);
        int stall = r.nextDouble() < f.stallRate() ? r.nextInt(tokens) : -1;
        int disconnect = r.nextDouble() < f.disconnectRate() ? r.nextInt(tokens) : -1;
        int malformed = r.nextDouble() < f.malformedRate() ? r.nextInt(tokens) : -1;
        return new FaultPlan(serverError, slow, stall, stall >= 0 ? f.stallNanos() : 0, disconnect, malformed);
    }
}
