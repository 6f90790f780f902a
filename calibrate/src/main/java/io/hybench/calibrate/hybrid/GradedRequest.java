package io.hybench.calibrate.hybrid;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * One line of {@code hybrid-requests.jsonl}: a measured request of a hybrid run, graded. The groups are nested
 * for readers of the code; on the wire each line stays one flat object ({@link JsonUnwrapped}).
 *
 * @param at         where in the run it was sent
 * @param requestId  the request's id in requests.jsonl
 * @param questionId the question asked
 * @param routing    the route it took
 * @param outcome    how it ended and how its answer graded
 * @param latency    what its user saw
 * @param legs       the legs it took and what they cost
 */
public record GradedRequest(@JsonUnwrapped At at, String requestId, String questionId, @JsonUnwrapped Routing routing,
                            @JsonUnwrapped Outcome outcome, @JsonUnwrapped Latency latency, @JsonUnwrapped Legs legs) {

    /**
     * @param step   sweep step it was sent in (index into summary.json's steps)
     * @param target target name
     * @param role   what the target stands for
     * @param load   users or requests/s of the step
     */
    public record At(int step, String target, Role role, double load) {
    }

    /**
     * @param route      the route taken ({@link RouteTaken#label}); {@code unknown} without a route header
     * @param confidence the router's {@code x-hybench-confidence}; NaN when absent
     */
    public record Routing(String route, double confidence) {
    }

    /**
     * @param succeeded   the request ended without error
     * @param correct     the answer graded correct (a failed request is never correct)
     * @param unparseable no answer could be extracted from the reply
     */
    public record Outcome(boolean succeeded, boolean correct, boolean unparseable) {
        /** A failed request's grade does not count: it is wrong and has no answer to parse. */
        static Outcome of(boolean succeeded, boolean correct, boolean unparseable) {
            return new Outcome(succeeded, succeeded && correct, succeeded && unparseable);
        }
    }

    /**
     * @param ttftMs user-visible time to first token; NaN without content
     * @param e2eMs  user-visible end-to-end latency; NaN when failed
     */
    public record Latency(double ttftMs, double e2eMs) {
    }

    /**
     * @param local the local leg, null when the request took none
     * @param cloud the cloud leg, null when the request took none
     * @param cost  local plus cloud leg cost; NaN when a leg's cost is unknown
     */
    public record Legs(Leg local, Leg cloud, double cost) {
        /** Without a route header which model answered is not known, so neither leg can be priced. */
        static Legs unknown() {
            return new Legs(null, null, Double.NaN);
        }

        static Legs of(Leg local, Leg cloud) {
            return new Legs(local, cloud, (local == null ? 0 : local.cost()) + (cloud == null ? 0 : cloud.cost()));
        }
    }
}
