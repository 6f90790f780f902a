package io.hybench.bench.client;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.util.StdConverter;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One server endpoint under test.
 *
 * @param name      label used in results and reports
 * @param api       wire protocol
 * @param flavor    server behind the protocol (decides vendor-specific request fields)
 * @param baseUrl   scheme, host, port and optional path prefix, e.g. {@code http://127.0.0.1:11434}
 * @param model     model name sent in every request
 * @param apiKeyEnv name of the environment variable holding the API key, or null for none; the key
 *                  itself is never stored in a Target so it cannot leak into results
 * @param emulatorProfile the hybench emulator profile serving this endpoint, or null for a real server;
 *                  reports label such a target "emulated" so its numbers are never taken for a real server's
 * @param headers   extra HTTP headers on every request; a value {@code env:NAME} is read from that environment
 *                  variable when the client starts, and credential headers must be given so (never literally), so
 *                  no secret reaches the resolved workload
 * @param extraBody fields merged into every request body (top level, replacing what the client set), e.g.
 *                  {@code top_k} or {@code chat_template_kwargs}
 */
public record Target(String name, ApiKind api, ServerFlavor flavor,
                     @JsonProperty("url") @JsonSerialize(converter = Target.DisplayUrl.class) URI baseUrl, String model,
                     @JsonInclude(JsonInclude.Include.NON_NULL) String apiKeyEnv,
                     @JsonInclude(JsonInclude.Include.NON_NULL) String emulatorProfile,
                     @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> headers,
                     @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Object> extraBody) {
    /** Header names whose values are credentials: only {@code env:NAME} is accepted for them. */
    private static final Set<String> CREDENTIAL_HEADERS = Set.of("authorization", "proxy-authorization", "x-api-key", "api-key", "cookie");
    private static final String ENV_PREFIX = "env:";

    public Target {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(flavor, "flavor");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(model, "model");
        if (!("http".equals(baseUrl.getScheme()) || "https".equals(baseUrl.getScheme())) || baseUrl.getHost() == null) {
            throw new IllegalArgumentException("url must be an http(s) URL with a host, was '" + baseUrl + "'");
        }
        if (emulatorProfile != null && emulatorProfile.isBlank()) throw new IllegalArgumentException("emulatorProfile is blank");
        headers = headers == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        extraBody = extraBody == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(extraBody));
        headers.forEach((k, v) -> {
            if (k.isBlank() || v == null) throw new IllegalArgumentException("headers need a name and a value, got '" + k + "'");
            if (CREDENTIAL_HEADERS.contains(k.toLowerCase(Locale.ROOT)) && !v.startsWith(ENV_PREFIX)) {
                throw new IllegalArgumentException("headers must not hold the credential of " + k
                        + " literally: write env:VARIABLE, so the secret stays out of results");
            }
        });
        ApiKey.requireEnvName("apiKeyEnv", apiKeyEnv);
    }

    /** The base URL as it may be shown or written: user-info and key-like query values redacted. */
    public String displayUrl() {
        return ApiKey.redactUrls(baseUrl.toString());
    }

    /** A target without extra headers or body fields. */
    public Target(String name, ApiKind api, ServerFlavor flavor, URI baseUrl, String model, String apiKeyEnv, String emulatorProfile) {
        this(name, api, flavor, baseUrl, model, apiKeyEnv, emulatorProfile, Map.of(), Map.of());
    }

    /** A target as a workload file states it; the flavor defaults to the one the protocol implies. */
    @JsonCreator
    static Target fromFile(@JsonProperty(value = "name", required = true) String name,
                           @JsonProperty(value = "api", required = true) ApiKind api,
                           @JsonProperty("flavor") ServerFlavor flavor,
                           @JsonProperty(value = "url", required = true) URI url,
                           @JsonProperty(value = "model", required = true) String model,
                           @JsonProperty("apiKeyEnv") String apiKeyEnv,
                           @JsonProperty("emulatorProfile") String emulatorProfile,
                           @JsonProperty("headers") Map<String, String> headers,
                           @JsonProperty("extraBody") Map<String, Object> extraBody) {
        return new Target(name, api, flavor != null ? flavor : ServerFlavor.impliedBy(api), url, model, apiKeyEnv, emulatorProfile,
                headers, extraBody);
    }

    /**
     * The headers to send, {@code env:NAME} values read from the environment.
     *
     * @throws IllegalStateException when a named variable is not set
     */
    public Map<String, String> resolvedHeaders(java.util.function.Function<String, String> env) {
        Map<String, String> out = new LinkedHashMap<>();
        headers.forEach((k, v) -> {
            if (!v.startsWith(ENV_PREFIX)) {
                out.put(k, v);
                return;
            }
            String value = env.apply(v.substring(ENV_PREFIX.length()));
            if (value == null || value.isEmpty()) {
                throw new IllegalStateException("target '" + name + "': header " + k + " reads environment variable "
                        + v.substring(ENV_PREFIX.length()) + ", which is not set");
            }
            out.put(k, value);
        });
        return out;
    }

    /** A real server (not the emulator). */
    public Target(String name, ApiKind api, ServerFlavor flavor, URI baseUrl, String model, String apiKeyEnv) {
        this(name, api, flavor, baseUrl, model, apiKeyEnv, null);
    }

    public boolean emulated() {
        return emulatorProfile != null;
    }

    /** Resolves a path such as {@code /v1/chat/completions} against the base URL, keeping any prefix and query ({@code ?api-version=}). */
    public URI resolve(String path) {
        String prefix = baseUrl.getRawPath() == null ? "" : baseUrl.getRawPath();
        if (prefix.endsWith("/")) prefix = prefix.substring(0, prefix.length() - 1);
        String query = baseUrl.getRawQuery() == null ? "" : "?" + baseUrl.getRawQuery();
        return URI.create(baseUrl.getScheme() + "://" + baseUrl.getRawAuthority() + prefix + path + query);
    }

    /** Written workloads carry the URL as {@link #displayUrl()} shows it, so no credential in it reaches results. */
    static final class DisplayUrl extends StdConverter<URI, String> {
        @Override
        public String convert(URI url) {
            return ApiKey.redactUrls(url.toString());
        }
    }
}
