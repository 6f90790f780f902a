package io.hybench.emulator.truth;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.hybench.core.time.ClockAnchor;

/**
 * The first line of a truth file: where the emulator's clock stands, so another process's times (a
 * result folder's, with its own {@link ClockAnchor}) can be put on the truth's time line.
 */
@JsonPropertyOrder({"kind", "clock"})
public record TruthClock(ClockAnchor clock) implements TruthEntry {
    @JsonProperty("kind")
    public String kind() {
        return "clock";
    }
}
