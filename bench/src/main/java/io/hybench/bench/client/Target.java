package io.hybench.bench.client;

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
public record Target(String name, ApiKind api, ServerFlavor flavor, URI baseUrl, String model, String apiKeyEnv,
                     String emulatorProfile) {
    public Target {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(flavor, "flavor");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(model, "model");
        if (emulatorProfile != null && emulatorProfile.isBlank()) throw new IllegalArgumentException("emulatorProfile is blank");
        ApiKey.requireEnvName("apiKeyEnv", apiKeyEnv);
    }

    /** The base URL as it may be shown or written: user-info and key-like query values redacted. */
    public String displayUrl() {
        return ApiKey.redactUrls(baseUrl.toString());
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
}
