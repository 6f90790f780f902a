package io.hybench.bench.results;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.hybench.bench.context.TargetVersion;
import io.hybench.core.mapper.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The machine and software a run measured from ({@code env.json}), so results from different
 * machines are not compared blindly. The parts group the fields for readers of the code; on the wire they stay
 * one flat object ({@link JsonUnwrapped}).
 *
 * @param projectVersion hybench version
 * @param java           the JVM
 * @param os             the operating system
 * @param resources      what the JVM may use of the machine
 * @param targets        each target's server version as asked before the run (empty until a run adds them)
 */
public record EnvInfo(String projectVersion, @JsonUnwrapped Java java, @JsonUnwrapped Os os,
                      @JsonUnwrapped Resources resources, List<TargetVersion> targets) {

    public EnvInfo {
        targets = targets == null ? List.of() : List.copyOf(targets);
    }

    /**
     * @param version {@code java.runtime.version}
     * @param vendor  JVM vendor
     * @param vmName  JVM name
     */
    public record Java(@JsonProperty("javaVersion") String version, @JsonProperty("javaVendor") String vendor, String vmName) {
        static Java current() {
            return new Java(System.getProperty("java.runtime.version"), System.getProperty("java.vendor"), System.getProperty("java.vm.name"));
        }
    }

    /**
     * @param name    operating system
     * @param version its version (kernel release on Linux)
     * @param arch    CPU architecture
     */
    public record Os(@JsonProperty("osName") String name, @JsonProperty("osVersion") String version, @JsonProperty("osArch") String arch) {
        static Os current() {
            return new Os(System.getProperty("os.name"), System.getProperty("os.version"), System.getProperty("os.arch"));
        }
    }

    /**
     * @param availableProcessors cores the JVM may use
     * @param cpuModel            CPU model from /proc/cpuinfo, null where unavailable
     * @param maxHeapBytes        JVM heap limit
     */
    public record Resources(int availableProcessors, String cpuModel, long maxHeapBytes) {
        static Resources current() {
            return new Resources(Runtime.getRuntime().availableProcessors(), readCpuModel(), Runtime.getRuntime().maxMemory());
        }
    }

    public static EnvInfo capture(String projectVersion) {
        return new EnvInfo(projectVersion, Java.current(), Os.current(), Resources.current(), List.of());
    }

    /** This environment with the targets' versions. */
    public EnvInfo withTargets(List<TargetVersion> versions) {
        return new EnvInfo(projectVersion, java, os, resources, versions);
    }

    /** Writes {@code env.json} into an output folder that is not a run folder (a calibration's, a cost analysis's). */
    public void writeInto(Path dir) {
        Path file = dir.resolve(RunFolder.ENV);
        try {
            Files.writeString(file, Json.MAPPER.writer(SerializationFeature.INDENT_OUTPUT).writeValueAsString(this) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Reads {@code dir/env.json}. */
    public static EnvInfo readFrom(Path dir) {
        Path file = dir.resolve(RunFolder.ENV);
        try {
            return Json.MAPPER.readValue(file.toFile(), EnvInfo.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static String readCpuModel() {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(cpuinfo)) return null;
        try {
            List<String> lines = Files.readAllLines(cpuinfo);
            for (String line : lines) {
                if (line.toLowerCase(Locale.ROOT).startsWith("model name")) {
                    int colon = line.indexOf(':');
                    return colon < 0 ? null : line.substring(colon + 1).trim();
                }
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }
}
