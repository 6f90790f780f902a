package io.hybench.emulator.truth;

/**
 * A line of the truth log: a write ({@link TruthRecord}), a keyed question's answer ({@link AnswerRecord}), or
 * the clock the times count on ({@link TruthClock}, first), or how much of a prompt the engine's prefix cache
 * served ({@link PrefixCacheRecord}).
 */
public sealed interface TruthEntry permits TruthRecord, AnswerRecord, TruthClock, PrefixCacheRecord {
}
