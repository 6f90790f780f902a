package io.hybench.calibrate.hybrid;

/**
 * What one leg (the local or the cloud call) of a request consumed and cost.
 *
 * @param inputTokens  prompt tokens as the server counted them; NaN when unknown
 * @param outputTokens generated tokens; NaN when unknown
 * @param cost         in the run's cost unit ({@code USD}: tokens times the price file; {@code CLOUD_CALLS}:
 *                     1 per cloud leg, 0 per local leg); NaN when unknown
 * @param source       {@code response} (the answer's own usage), {@code local-only} (a leg the client did
 *                     not see, escalated's discarded local answer: the local part's mean for the same
 *                     question in this run)
 */
public record Leg(double inputTokens, double outputTokens, double cost, String source) {
    public static final String RESPONSE = "response";
    public static final String LOCAL_ONLY = "local-only";
}
