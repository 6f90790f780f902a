package io.hybench.calibrate.collect.signals;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/** Signals of one answer: a value for each present signal, a reason for each absent one. */
public final class SignalValues {
    private final Map<Signal, Double> values = new EnumMap<>(Signal.class);
    private final Map<Signal, String> missing = new EnumMap<>(Signal.class);

    public SignalValues put(Signal s, double value) {
        if (!Double.isFinite(value)) return absent(s, "not a finite number");
        values.put(s, value);
        missing.remove(s);
        return this;
    }

    public SignalValues absent(Signal s, String reason) {
        values.remove(s);
        missing.put(s, reason);
        return this;
    }

    public SignalValues putAll(SignalValues other) {
        values.putAll(other.values);
        missing.putAll(other.missing);
        other.values.keySet().forEach(missing::remove);
        return this;
    }

    public Map<Signal, Double> values() {
        return Collections.unmodifiableMap(values);
    }

    public Map<Signal, String> missing() {
        return Collections.unmodifiableMap(missing);
    }
}
