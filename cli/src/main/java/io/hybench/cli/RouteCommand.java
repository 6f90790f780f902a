package io.hybench.cli;

import io.hybench.bench.client.Target;
import io.hybench.calibrate.collect.run.TargetSpec;
import io.hybench.calibrate.cost.PriceFile;
import io.hybench.calibrate.export.CalibrationWriter;
import io.hybench.calibrate.export.RouterSpec;
import io.hybench.calibrate.route.HybridRouteServer;
import io.hybench.calibrate.route.LiveConfidence;
import io.hybench.calibrate.route.LocalCapacity;
import io.hybench.calibrate.router.SpillOver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code hybench route}: serves a calibrated router spec as one OpenAI-compatible endpoint until Ctrl-C (docs/router.md). */
@Command(name = "route", mixinStandardHelpOptions = true,
        description = "Serve router-spec.json as an OpenAI-compatible endpoint: answer locally, escalate low-confidence answers to the cloud.")
public final class RouteCommand implements Callable<Integer> {
    @Spec
    CommandSpec command;

    @Option(names = "--spec", required = true, paramLabel = "FILE", description = "router-spec.json written by hybench calibrate.")
    Path specFile;

    @Option(names = "--local", required = true, paramLabel = "SPEC", description = "Local target, collect's syntax: api=...,url=...,model=...")
    String local;

    @Option(names = "--cloud", required = true, paramLabel = "SPEC", description = "Cloud target, collect's syntax (key-env=VAR for the key).")
    String cloud;

    @Option(names = "--port", defaultValue = "8080", description = "Port on 127.0.0.1; 0 lets the OS choose.")
    int port;

    @Option(names = "--prices", paramLabel = "FILE", description = "Price file: USD so far per side in /metrics.")
    Path prices;

    @Option(names = "--local-max-in-flight", paramLabel = "N", description = "Spill to the cloud when N local requests are in flight.")
    Integer maxInFlight;

    @Option(names = "--local-capacity-from", paramLabel = "DIR",
            description = "Take the local limit from a bench run: the largest load that met its SLOs for the local target.")
    Path capacityFrom;

    @Option(names = "--local-max-queue-ms", defaultValue = "0", paramLabel = "MS", description = "At the limit, wait up to MS for a local slot, then spill.")
    long maxQueueMs;

    @Option(names = "--confidence-span", defaultValue = "ANSWER", paramLabel = "answer|reply",
            description = "Tokens the confidence averages: the answer (collect's mean_logprob) or the whole reply.")
    String span;

    @Option(names = "--model-name", defaultValue = "hybrid", description = "Model id listed by /v1/models.")
    String modelName;

    @Override
    public Integer call() throws InterruptedException {
        var out = command.commandLine().getOut();
        var err = command.commandLine().getErr();
        HybridRouteServer.Config config;
        String limit;
        try {
            if (maxInFlight != null && capacityFrom != null) throw new IllegalArgumentException("give --local-max-in-flight or --local-capacity-from, not both");
            if (maxQueueMs > 0 && maxInFlight == null && capacityFrom == null) {
                throw new IllegalArgumentException("--local-max-queue-ms needs a local limit (--local-max-in-flight or --local-capacity-from)");
            }
            RouterSpec routerSpec = readSpec(specFile);
            Target l = TargetSpec.parse(local, "local").target(), c = TargetSpec.parse(cloud, "cloud").target();
            Integer n = maxInFlight;
            limit = n == null ? "no local limit" : "local limit " + n + " in flight";
            if (capacityFrom != null) {
                LocalCapacity cap = LocalCapacity.fromBenchRun(capacityFrom, l.name());
                n = cap.maxInFlight();
                limit = "local limit " + cap.basis();
            }
            if (n != null && maxQueueMs > 0) limit += ", waiting up to " + maxQueueMs + " ms for a slot";
            config = new HybridRouteServer.Config(routerSpec, l, c, n == null ? null : new SpillOver(n, maxQueueMs),
                    prices == null ? null : PriceFile.read(prices), spanOf(span), modelName);
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            if (Failures.internal(e)) throw e; // a bug of ours, not the user's input: exit 1, a stack trace with --verbose
            err.println("hybench route: " + Failures.message(e));
            err.flush();
            return 2;
        }
        HybridRouteServer server;
        try {
            server = HybridRouteServer.start(config, port);
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            if (Failures.internal(e)) throw e; // a bug of ours, not the user's input: exit 1, a stack trace with --verbose
            err.println("hybench route: " + Failures.message(e));
            err.flush();
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }));
        out.println("Routing at " + server.baseUrl() + "/v1 (OpenAI-compatible): " + config.spec().routing().rules().getFirst()
                + "; local " + config.local().name() + " (" + config.local().model() + "), cloud " + config.cloud().name()
                + " (" + config.cloud().model() + "); " + limit + ".");
        out.println("GET " + server.baseUrl() + "/metrics (Prometheus), /health, /v1/models.   Ctrl-C to stop.");
        out.flush();
        stopped.await();
        return 0;
    }

    private static RouterSpec readSpec(Path file) {
        try {
            RouterSpec s = CalibrationWriter.readSpec(file);
            if (s.routing() == null || s.routing().policy() == null || s.routing().scoreColumns() == null) throw new IllegalArgumentException(file + ": not a router spec (no policy or scoreColumns)");
            return s;
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read the router spec: " + e.getMessage());
        }
    }

    private static LiveConfidence.Span spanOf(String s) {
        try {
            return LiveConfidence.Span.valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--confidence-span must be answer or reply, not '" + s + "'");
        }
    }
}
