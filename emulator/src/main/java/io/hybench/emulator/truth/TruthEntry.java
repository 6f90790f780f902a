package io.hybench.emulator.truth;

/** A line of the truth log: a write ({@link TruthRecord}) or a keyed question's answer ({@link AnswerRecord}). */
public sealed interface TruthEntry permits TruthRecord, AnswerRecord {
}
