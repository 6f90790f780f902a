package io.hybench.calibrate.policy;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A routing rule over a row's scores (oriented so higher means "keep local"). Every threshold rule
 * is strict: a score below the threshold leaves the local path; a score equal to it stays. So rows
 * with equal scores always share a route, and the threshold that keeps everyone local is the lowest
 * score itself.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({@JsonSubTypes.Type(value = Policy.Cascade.class, name = "cascade"),
        @JsonSubTypes.Type(value = Policy.PreRoute.class, name = "pre-route"),
        @JsonSubTypes.Type(value = Policy.TwoStage.class, name = "two-stage")})
public sealed interface Policy permits Policy.Cascade, Policy.PreRoute, Policy.TwoStage {

    Route route(double[] scores);

    /** The seed's design: local always runs; confidence below {@code escalateBelow} escalates. */
    record Cascade(int confidenceScore, double escalateBelow) implements Policy {
        @Override
        public Route route(double[] scores) {
            return scores[confidenceScore] < escalateBelow ? Route.ESCALATED : Route.LOCAL;
        }
    }

    /** RouteLLM-style: a pre-generation score below {@code cloudBelow} goes to the cloud; one side is paid. */
    record PreRoute(int routerScore, double cloudBelow) implements Policy {
        @Override
        public Route route(double[] scores) {
            return scores[routerScore] < cloudBelow ? Route.CLOUD : Route.LOCAL;
        }
    }

    /** Pre-router first (clearly hard queries straight to the cloud), then a cascade on the rest. */
    record TwoStage(int routerScore, double cloudBelow, int confidenceScore, double escalateBelow) implements Policy {
        @Override
        public Route route(double[] scores) {
            if (scores[routerScore] < cloudBelow) return Route.CLOUD;
            return scores[confidenceScore] < escalateBelow ? Route.ESCALATED : Route.LOCAL;
        }
    }
}
