package io.hybench.bench.client;

import java.util.function.UnaryOperator;

/**
 * What a hybrid router said about one answer in its response headers (docs/router.md): the route it
 * took ({@code x-hybench-route}: local, escalated, spilled, fallback, local-degraded, cloud) and the
 * local answer's confidence ({@code x-hybench-confidence}, NaN when none was computed). Absent (null on
 * the record) when the response had no route header: a plain server or a router of the user's.
 *
 * @param route          the header's value as sent, lower-cased
 * @param confidence     the confidence header parsed, NaN when absent, "NaN" or not a number
 * @param decisionMicros {@code x-hybench-decision-us}, null when absent or not a whole number
 */
public record RouteHeaders(String route, double confidence, Long decisionMicros) {
    public static final String ROUTE = "x-hybench-route";
    public static final String CONFIDENCE = "x-hybench-confidence";
    public static final String DECISION_US = "x-hybench-decision-us";

    /**
     * The route headers of a response, or null when it carries no {@code x-hybench-route}.
     *
     * @param header a response header's first value by name, null when absent
     */
    public static RouteHeaders of(UnaryOperator<String> header) {
        String route = header.apply(ROUTE);
        if (route == null || route.isBlank()) return null;
        return new RouteHeaders(route.strip().toLowerCase(java.util.Locale.ROOT), number(header.apply(CONFIDENCE)), whole(header.apply(DECISION_US)));
    }

    private static double number(String s) {
        if (s == null) return Double.NaN;
        try {
            return Double.parseDouble(s.strip());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static Long whole(String s) {
        if (s == null) return null;
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
