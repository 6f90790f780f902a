package io.hybench.calibrate.hybrid;

/**
 * One line of {@code hybrid-requests.jsonl}: a measured request of a hybrid run, graded.
 *
 * @param step        sweep step it was sent in (index into summary.json's steps)
 * @param target      target name
 * @param role        what the target stands for
 * @param load        users or requests/s of the step
 * @param requestId   the request's id in requests.jsonl
 * @param questionId  the question asked
 * @param route       the route taken ({@link RouteTaken#label}); {@code unknown} without a route header
 * @param confidence  the router's {@code x-hybench-confidence}; NaN when absent
 * @param succeeded   the request ended without error
 * @param correct     the answer graded correct (a failed request is never correct)
 * @param unparseable no answer could be extracted from the reply
 * @param ttftMs      user-visible time to first token; NaN without content
 * @param e2eMs       user-visible end-to-end latency; NaN when failed
 * @param local       the local leg, null when the request took none
 * @param cloud       the cloud leg, null when the request took none
 * @param cost        local plus cloud leg cost; NaN when a leg's cost is unknown
 */
public record GradedRequest(int step, String target, Role role, double load, String requestId, String questionId,
                            String route, double confidence, boolean succeeded, boolean correct, boolean unparseable,
                            double ttftMs, double e2eMs, Leg local, Leg cloud, double cost) {
}
