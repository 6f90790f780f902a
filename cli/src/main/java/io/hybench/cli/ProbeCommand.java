package io.hybench.cli;

import io.hybench.bench.client.ApiKey;
import io.hybench.bench.client.ApiKind;
import io.hybench.bench.client.ClientOptions;
import io.hybench.bench.client.GenerationRequest;
import io.hybench.bench.client.ServerFlavor;
import io.hybench.bench.client.Target;
import io.hybench.bench.probe.Probe;
import io.hybench.bench.probe.ProbeResult;
import io.hybench.core.mapper.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code hybench probe}: stream one request and print its record (docs/probe.md). */
@Command(name = "probe",
        description = {"Stream one request to a server and print what was measured.",
                "Exit code 0 when the request succeeded, 1 when it failed, 2 for bad options."},
        mixinStandardHelpOptions = true,
        versionProvider = ProjectVersion.class)
public final class ProbeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--api", required = true, description = "Wire protocol: ${COMPLETION-CANDIDATES}.")
    ApiKind api;

    @Option(names = "--url", required = true, description = "Server root, e.g. http://127.0.0.1:11434 (paths such as /v1/chat/completions are added).")
    URI url;

    @Option(names = "--model", required = true, description = "Model name sent in the request.")
    String model;

    @Option(names = "--prompt", required = true, description = "User prompt, sent as one chat message.")
    String prompt;

    @Option(names = "--flavor", description = "Server behind the API (${COMPLETION-CANDIDATES}); decides vendor fields such as vLLM's ignore_eos. Default: OLLAMA for --api ollama, ANTHROPIC for anthropic, GENERIC for openai.")
    ServerFlavor flavor;

    @Option(names = "--max-tokens", description = "Output token cap; required by --api anthropic. Default: the server's.")
    Integer maxTokens;

    @Option(names = "--force-length", description = "Ask for exactly --max-tokens output tokens where the server supports it (vLLM).")
    boolean forceLength;

    @Option(names = "--api-key-env", paramLabel = "VAR", description = "Environment variable holding the API key. The key is never printed.")
    String apiKeyEnv;

    @Option(names = "--first-token-timeout", description = "Longest wait for the first content token, e.g. 30s (ISO-8601 such as PT30S also read).", defaultValue = "5m")
    Duration firstTokenTimeout;

    @Option(names = "--idle-timeout", description = "Longest silence once content has started, e.g. 10s.", defaultValue = "1m")
    Duration idleTimeout;

    @Option(names = "--json", description = "Print one JSON object instead of a table.")
    boolean json;

    @Option(names = "--no-warm-up", description = "Measure the first request, cold client and new connection included (by default a one-token warm-up request goes first and is reported apart, on the error stream).")
    boolean noWarmUp;

    @Override
    public Integer call() throws Exception {
        Target target = new Target("probe", api, flavor != null ? flavor : ServerFlavor.impliedBy(api), url, model, apiKeyEnv);
        ApiKey key;
        ClientOptions options;
        GenerationRequest request;
        try {
            key = ApiKey.fromEnvironment(target, System::getenv);
            options = new ClientOptions(ClientOptions.DEFAULTS.connectTimeout(), firstTokenTimeout, idleTimeout);
            request = GenerationRequest.of("probe-1", prompt, true, new GenerationRequest.Output(maxTokens, forceLength));
            if (api == ApiKind.ANTHROPIC && maxTokens == null) throw new IllegalArgumentException("--api anthropic needs --max-tokens");
        } catch (IllegalArgumentException e) {
            if (Failures.internal(e)) throw e; // a bug of ours, not the user's input: exit 1, a stack trace with --verbose
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        Probe.Outcome outcome = Probe.run(target, request, options, key, !noWarmUp);
        ProbeResult w = outcome.warmUp();
        if (w != null) {
            spec.commandLine().getErr().println(w.succeeded()
                    ? String.format(Locale.ROOT, "hybench probe: warm-up request (not in the figures): TTFT %.1f ms, E2E %.1f ms", w.latency().ttftMs(), w.latency().e2eMs())
                    : "hybench probe: the warm-up request failed; its record is the result");
            spec.commandLine().getErr().flush();
        }
        ProbeResult result = outcome.result();
        spec.commandLine().getOut().print(json ? Json.MAPPER.writeValueAsString(result) + System.lineSeparator() : result.table());
        spec.commandLine().getOut().flush();
        return result.succeeded() ? 0 : 1;
    }
}
