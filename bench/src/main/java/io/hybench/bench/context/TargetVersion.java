package io.hybench.bench.context;

/**
 * A target's server version as asked before the run ({@code env.json}).
 *
 * @param target  target name
 * @param version the version the server reported, or null
 * @param source  where it was asked (e.g. {@code GET /api/version}), or null when there is nowhere to ask
 * @param note    why there is no version, or null
 */
public record TargetVersion(String target, String version, String source, String note) {
}
