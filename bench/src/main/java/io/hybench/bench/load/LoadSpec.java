package io.hybench.bench.load;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.hybench.core.config.DurationText;

import java.util.List;
import java.util.Objects;

/** How load is offered, and the levels a sweep steps through. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "mode")
@JsonSubTypes({@JsonSubTypes.Type(value = LoadSpec.ClosedLoop.class, name = "closed"),
        @JsonSubTypes.Type(value = LoadSpec.OpenLoop.class, name = "open"),
        @JsonSubTypes.Type(value = LoadSpec.Trace.class, name = "trace")})
public sealed interface LoadSpec {

    /** The sweep's load levels in order: users (closed loop), requests per second (open loop) or rate factors (trace). */
    List<Double> levels();

    /** How long each step's load takes to rise to its level before warm-up begins; 0 for none (and for a trace). */
    default long rampUpNanos() {
        return 0;
    }

    /** What a level is, for progress lines: users, rate or factor. */
    default String levelName() {
        return switch (this) {
            case ClosedLoop c -> "users";
            case OpenLoop o -> "rate";
            case Trace t -> "factor";
        };
    }

    private static long rampUp(Long nanos) {
        if (nanos != null && nanos < 0) throw new IllegalArgumentException("rampUp must be >= 0");
        return nanos == null ? 0 : nanos;
    }

    /**
     * N virtual users, each sending its next request when its last one ended plus a think time.
     *
     * @param users       one step per entry
     * @param thinkTimeMs pause between a response's end and the user's next request
     * @param rampUpNanos users join evenly over this time (user u of N is first ready u/N of the way through), before warm-up
     */
    record ClosedLoop(List<Integer> users, Distribution thinkTimeMs,
                      @JsonProperty("rampUp") @JsonSerialize(using = DurationText.Serializer.class)
                      @JsonInclude(JsonInclude.Include.NON_DEFAULT) long rampUpNanos) implements LoadSpec {
        public ClosedLoop {
            users = List.copyOf(users);
            Objects.requireNonNull(thinkTimeMs, "thinkTimeMs");
            if (users.isEmpty()) throw new IllegalArgumentException("users must list at least one level");
            for (int u : users) if (u < 1) throw new IllegalArgumentException("users must be >= 1, was " + u);
            rampUp(rampUpNanos);
        }

        /** All users from the start. */
        public ClosedLoop(List<Integer> users, Distribution thinkTimeMs) {
            this(users, thinkTimeMs, 0);
        }

        /** Think time 0 and no ramp unless given. */
        @JsonCreator
        static ClosedLoop fromFile(@JsonProperty(value = "users", required = true) List<Integer> users,
                                   @JsonProperty("thinkTimeMs") Distribution thinkTimeMs,
                                   @JsonProperty("rampUp") @JsonDeserialize(using = DurationText.Deserializer.class) Long rampUp) {
            return new ClosedLoop(users, thinkTimeMs != null ? thinkTimeMs : new Distribution.Fixed(0), rampUp(rampUp));
        }

        @Override
        public List<Double> levels() {
            return users.stream().map(Integer::doubleValue).toList();
        }
    }

    /**
     * Arrivals at a rate whatever the server does; latency is measured from each arrival's time.
     *
     * @param rates       requests per second, one step per entry
     * @param arrival     constant gaps, Poisson (exponential gaps) or gamma gaps (bursty)
     * @param maxInFlight cap on concurrent requests; arrivals beyond it wait (their wait counts in
     *                    their latency) — null for no cap
     * @param burstiness  gamma arrivals only: the gaps' shape k (mean 1/rate, coefficient of variation 1/sqrt(k)), as
     *                    {@code vllm bench serve --burstiness}: 1 is Poisson, below 1 burstier, above 1 more regular
     * @param rampUpNanos the rate rises linearly from 0 to the level over this time, before warm-up (the arrival process's
     *                    own clock slowed, so Poisson stays Poisson with the rising rate)
     */
    record OpenLoop(List<Double> rates, Arrival arrival, @JsonInclude(JsonInclude.Include.NON_NULL) Integer maxInFlight,
                    @JsonInclude(JsonInclude.Include.NON_NULL) Double burstiness,
                    @JsonProperty("rampUp") @JsonSerialize(using = DurationText.Serializer.class)
                    @JsonInclude(JsonInclude.Include.NON_DEFAULT) long rampUpNanos) implements LoadSpec {
        public OpenLoop {
            rates = List.copyOf(rates);
            Objects.requireNonNull(arrival, "arrival");
            if (rates.isEmpty()) throw new IllegalArgumentException("rates must list at least one level");
            for (double r : rates) {
                if (!(r > 0) || !Double.isFinite(r)) throw new IllegalArgumentException("rates must be > 0, was " + r);
            }
            if (maxInFlight != null && maxInFlight < 1) throw new IllegalArgumentException("maxInFlight must be >= 1, was " + maxInFlight);
            if (arrival == Arrival.GAMMA && (burstiness == null || !(burstiness > 0) || !Double.isFinite(burstiness))) {
                throw new IllegalArgumentException("burstiness must be > 0 for gamma arrivals, was " + burstiness);
            }
            if (arrival != Arrival.GAMMA && burstiness != null) throw new IllegalArgumentException("burstiness is for arrival gamma");
            rampUp(rampUpNanos);
        }

        /** Constant or Poisson arrivals. */
        public OpenLoop(List<Double> rates, Arrival arrival, Integer maxInFlight) {
            this(rates, arrival, maxInFlight, null);
        }

        /** At the full rate from the start. */
        public OpenLoop(List<Double> rates, Arrival arrival, Integer maxInFlight, Double burstiness) {
            this(rates, arrival, maxInFlight, burstiness, 0);
        }

        /** Poisson arrivals, no in-flight cap and no ramp unless given. */
        @JsonCreator
        static OpenLoop fromFile(@JsonProperty(value = "rates", required = true) List<Double> rates,
                                 @JsonProperty("arrival") Arrival arrival, @JsonProperty("maxInFlight") Integer maxInFlight,
                                 @JsonProperty("burstiness") Double burstiness,
                                 @JsonProperty("rampUp") @JsonDeserialize(using = DurationText.Deserializer.class) Long rampUp) {
            return new OpenLoop(rates, arrival != null ? arrival : Arrival.POISSON, maxInFlight, burstiness, rampUp(rampUp));
        }

        @Override
        public List<Double> levels() {
            return rates;
        }
    }

    /**
     * A timestamped trace replayed on its own schedule (the prompts section names the trace): request i is due at
     * {@code start + offset_i * timeScale / rateFactor}, offsets measured from the trace's earliest request.
     *
     * @param rateFactors one step per entry: 2 replays the trace twice as fast (twice the rate), 0.5 at half the rate
     * @param timeScale   stretches the trace's clock for every step (0.01 plays a 100-minute trace in one minute);
     *                    it and the rate factor multiply, so the scale fixes the replay and the factors sweep around it
     * @param maxInFlight cap on concurrent requests as for open loop; null for none
     */
    record Trace(List<Double> rateFactors, double timeScale, @JsonInclude(JsonInclude.Include.NON_NULL) Integer maxInFlight)
            implements LoadSpec {
        public Trace {
            rateFactors = List.copyOf(rateFactors);
            if (rateFactors.isEmpty()) throw new IllegalArgumentException("rateFactors must list at least one level");
            for (double f : rateFactors) {
                if (!(f > 0) || !Double.isFinite(f)) throw new IllegalArgumentException("rateFactors must be > 0, was " + f);
            }
            if (!(timeScale > 0) || !Double.isFinite(timeScale)) throw new IllegalArgumentException("timeScale must be > 0, was " + timeScale);
            if (maxInFlight != null && maxInFlight < 1) throw new IllegalArgumentException("maxInFlight must be >= 1, was " + maxInFlight);
        }

        /** The trace as recorded (factor 1, scale 1) unless given. */
        @JsonCreator
        static Trace fromFile(@JsonProperty("rateFactors") List<Double> rateFactors, @JsonProperty("timeScale") Double timeScale,
                              @JsonProperty("maxInFlight") Integer maxInFlight) {
            return new Trace(rateFactors != null ? rateFactors : List.of(1.0), timeScale != null ? timeScale : 1.0, maxInFlight);
        }

        @Override
        public List<Double> levels() {
            return rateFactors;
        }
    }

    enum Arrival { CONSTANT, POISSON, GAMMA }
}
