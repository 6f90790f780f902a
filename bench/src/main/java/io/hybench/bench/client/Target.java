package io.hybench.bench.client;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.net.URI;
import java.util.Objects;

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
 */
public record Target(String name, ApiKind api, ServerFlavor flavor, @JsonProperty("url") URI baseUrl, String model,
                     @JsonInclude(JsonInclude.Include.NON_NULL) String apiKeyEnv,
                     @JsonInclude(JsonInclude.Include.NON_NULL) String emulatorProfile) {
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
    }

    /** A target as a workload file states it; the flavor defaults to the one the protocol implies. */
    @JsonCreator
    static Target fromFile(@JsonProperty(value = "name", required = true) String name,
                           @JsonProperty(value = "api", required = true) ApiKind api,
                           @JsonProperty("flavor") ServerFlavor flavor,
                           @JsonProperty(value = "url", required = true) URI url,
                           @JsonProperty(value = "model", required = true) String model,
                           @JsonProperty("apiKeyEnv") String apiKeyEnv,
                           @JsonProperty("emulatorProfile") String emulatorProfile) {
        return new Target(name, api, flavor != null ? flavor : ServerFlavor.impliedBy(api), url, model, apiKeyEnv, emulatorProfile);
    }

    /** A real server (not the emulator). */
    public Target(String name, ApiKind api, ServerFlavor flavor, URI baseUrl, String model, String apiKeyEnv) {
        this(name, api, flavor, baseUrl, model, apiKeyEnv, null);
    }

    public boolean emulated() {
        return emulatorProfile != null;
    }

    /** Resolves a path such as {@code /v1/chat/completions} against the base URL, keeping any prefix. */
    public URI resolve(String path) {
        String base = baseUrl.toString();
        if (base.endsWith("/")) base = base.substring(0, base.length() - 1);
        return URI.create(base + path);
    }
}
