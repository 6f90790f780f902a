package io.hybench.bench.load;

import io.hybench.bench.client.Target;
import io.hybench.bench.metrics.ChosenPercentiles;
import io.hybench.core.time.Durations;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Command-line changes to a workload file; a null field leaves the file's value. Errors name the option.
 * Built with {@link #builder()}, one named call per option given.
 *
 * @param targets names of the workload's targets to run (others are dropped)
 * @param load    changes to the load's mode and levels
 * @param limits  changes to how long each step runs
 * @param seed    the run's seed
 * @param timeouts changes to the requests' timeouts
 * @param percentiles {@code --percentiles}: the latency percentiles to report beside the fixed ones
 */
public record WorkloadOverrides(List<String> targets, Load load, Limits limits, Long seed, Timeouts timeouts, String percentiles) {

    /** Changes nothing. */
    public static final WorkloadOverrides NONE = builder().build();

    public WorkloadOverrides {
        targets = targets == null ? null : List.copyOf(targets);
        Objects.requireNonNull(load, "load");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(timeouts, "timeouts");
    }

    /**
     * @param firstToken {@code --first-token-timeout}
     * @param idle       {@code --idle-timeout}
     */
    public record Timeouts(Duration firstToken, Duration idle) {
        RequestOptions apply(RequestOptions current) {
            if (firstToken == null && idle == null) return current;
            try {
                return current.withTimeouts(current.timeouts().with(firstToken, idle));
            } catch (IllegalArgumentException e) {
                throw new WorkloadException("--first-token-timeout/--idle-timeout: " + e.getMessage(), e);
            }
        }
    }

    /**
     * @param mode        "closed" or "open"
     * @param users       closed-loop levels
     * @param rates       open-loop levels, requests/s
     * @param arrival     open-loop arrival process: "poisson", "constant" or "gamma"
     * @param maxInFlight open-loop in-flight cap
     */
    public record Load(String mode, List<Integer> users, List<Double> rates, String arrival, Integer maxInFlight) {
        LoadSpec apply(LoadSpec current) {
            if (current instanceof LoadSpec.Trace) {
                if (mode != null || users != null || rates != null || arrival != null || maxInFlight != null) {
                    throw new WorkloadException("--mode, --users, --rates, --arrival and --max-in-flight do not apply to a trace replay");
                }
                return current;
            }
            String m = mode == null ? (current instanceof LoadSpec.OpenLoop ? "open" : "closed") : mode.toLowerCase(Locale.ROOT);
            try {
                return switch (m) {
                    case "closed" -> {
                        if (rates != null || arrival != null || maxInFlight != null) {
                            throw new WorkloadException("--rates, --arrival and --max-in-flight are for --mode open");
                        }
                        LoadSpec.ClosedLoop c = current instanceof LoadSpec.ClosedLoop cl ? cl : null;
                        List<Integer> u = users != null ? users : c != null ? c.users() : null;
                        if (u == null) throw new WorkloadException("--mode closed: give --users (the workload file has open-loop rates)");
                        yield new LoadSpec.ClosedLoop(u, c != null ? c.thinkTimeMs() : new Distribution.Fixed(0), current.rampUpNanos());
                    }
                    case "open" -> {
                        if (users != null) throw new WorkloadException("--users is for --mode closed");
                        LoadSpec.OpenLoop o = current instanceof LoadSpec.OpenLoop op ? op : null;
                        List<Double> r = rates != null ? rates : o != null ? o.rates() : null;
                        if (r == null) throw new WorkloadException("--mode open: give --rates (the workload file has closed-loop users)");
                        LoadSpec.Arrival a = arrival != null ? arrival(arrival) : o != null ? o.arrival() : LoadSpec.Arrival.POISSON;
                        Integer cap = maxInFlight != null ? maxInFlight : o != null ? o.maxInFlight() : null;
                        Double burstiness = a == LoadSpec.Arrival.GAMMA && o != null ? o.burstiness() : null;
                        yield new LoadSpec.OpenLoop(r, a, cap, burstiness, current.rampUpNanos());
                    }
                    default -> throw new WorkloadException("--mode: expected closed or open, was '" + mode + "'");
                };
            } catch (IllegalArgumentException e) {
                throw new WorkloadException("--users/--rates/--max-in-flight: " + e.getMessage(), e);
            }
        }

        private static LoadSpec.Arrival arrival(String text) {
            return switch (text.toLowerCase(Locale.ROOT)) {
                case "poisson" -> LoadSpec.Arrival.POISSON;
                case "constant" -> LoadSpec.Arrival.CONSTANT;
                case "gamma" -> LoadSpec.Arrival.GAMMA;
                default -> throw new WorkloadException("--arrival: expected poisson, constant or gamma, was '" + text + "'");
            };
        }
    }

    /**
     * @param warmup   warm-up duration text, e.g. "5s"
     * @param duration measured duration text (replaces a request count)
     * @param requests measured requests per step (replaces a duration)
     */
    public record Limits(String warmup, String duration, Integer requests) {
        RunLimits apply(RunLimits current) {
            if (duration != null && requests != null) throw new WorkloadException("--duration and --requests: give one, not both");
            long warmupNanos = warmup == null ? current.warmupNanos() : nanos("--warmup", warmup);
            Long durationNanos = current.durationNanos();
            Integer count = current.requests();
            if (duration != null) {
                durationNanos = nanos("--duration", duration);
                count = null;
            }
            if (requests != null) {
                count = requests;
                durationNanos = null;
            }
            try {
                return new RunLimits(warmupNanos, durationNanos, count, current.drainTimeoutNanos(), current.repetitions(), current.stopOnErrorRate(),
                        current.stopOnOverSaturation());
            } catch (IllegalArgumentException e) {
                throw new WorkloadException("--warmup/--duration/--requests: " + e.getMessage(), e);
            }
        }

        private static long nanos(String option, String text) {
            try {
                return Durations.parseNanos(text);
            } catch (IllegalArgumentException e) {
                throw new WorkloadException(option + ": " + e.getMessage(), e);
            }
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects the options given; an option never set stays null and leaves the file's value. */
    public static final class Builder {
        private List<String> targets;
        private String mode;
        private List<Integer> users;
        private List<Double> rates;
        private String arrival;
        private Integer maxInFlight;
        private String warmup;
        private String duration;
        private Integer requests;
        private Long seed;
        private Duration firstTokenTimeout;
        private Duration idleTimeout;
        private String percentiles;

        private Builder() {
        }

        public Builder targets(List<String> v) { targets = v; return this; }
        public Builder mode(String v) { mode = v; return this; }
        public Builder users(List<Integer> v) { users = v; return this; }
        public Builder rates(List<Double> v) { rates = v; return this; }
        public Builder arrival(String v) { arrival = v; return this; }
        public Builder maxInFlight(Integer v) { maxInFlight = v; return this; }
        public Builder warmup(String v) { warmup = v; return this; }
        public Builder duration(String v) { duration = v; return this; }
        public Builder requests(Integer v) { requests = v; return this; }
        public Builder seed(Long v) { seed = v; return this; }
        public Builder firstTokenTimeout(Duration v) { firstTokenTimeout = v; return this; }
        public Builder idleTimeout(Duration v) { idleTimeout = v; return this; }
        public Builder percentiles(String v) { percentiles = v; return this; }

        public WorkloadOverrides build() {
            return new WorkloadOverrides(targets, new Load(mode, users, rates, arrival, maxInFlight),
                    new Limits(warmup, duration, requests), seed, new Timeouts(firstTokenTimeout, idleTimeout), percentiles);
        }
    }

    public Workload apply(Workload w) {
        Workload out = w;
        if (targets != null && !targets.isEmpty()) out = out.withTargets(selectTargets(w.targets()));
        out = out.withShape(new Workload.Shape(load.apply(w.shape().load()), limits.apply(w.shape().run())));
        if (seed != null) out = out.withSeed(seed);
        out = out.withTraffic(new Workload.Traffic(timeouts.apply(w.traffic().request()), w.traffic().prompts()));
        if (percentiles != null) out = out.withChecks(out.checks().withPercentiles(chosenPercentiles()));
        return out;
    }

    private ChosenPercentiles chosenPercentiles() {
        try {
            return ChosenPercentiles.parse(percentiles);
        } catch (IllegalArgumentException e) {
            throw new WorkloadException("--percentiles: " + e.getMessage().replaceFirst("^percentiles: ", ""), e);
        }
    }

    private List<Target> selectTargets(List<Target> all) {
        List<Target> chosen = new ArrayList<>();
        for (String name : targets) {
            Target t = all.stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow(() -> new WorkloadException(
                    "--target: no target named '" + name + "' in the workload (has: "
                            + String.join(", ", all.stream().map(Target::name).toList()) + ")"));
            chosen.add(t);
        }
        return chosen;
    }
}
