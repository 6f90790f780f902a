package io.hybench.bench.results;

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
 * machines are not compared blindly.
 *
 * @param projectVersion     hybench version
 * @param javaVersion        {@code java.runtime.version}
 * @param javaVendor         JVM vendor
 * @param vmName             JVM name
 * @param osName             operating system
 * @param osVersion          its version (kernel release on Linux)
 * @param osArch             CPU architecture
 * @param availableProcessors cores the JVM may use
 * @param cpuModel           CPU model from /proc/cpuinfo, null where unavailable
 * @param maxHeapBytes       JVM heap limit
 * @param targets            each target's server version as asked before the run (empty until a run adds them)
 */
public record EnvInfo(String projectVersion, String javaVersion, String javaVendor, String vmName, String osName,
                      String osVersion, String osArch, int availableProcessors, String cpuModel, long maxHeapBytes,
                      List<TargetVersion> targets) {

    public EnvInfo {
        targets = targets == null ? List.of() : List.copyOf(targets);
    }

    public static EnvInfo capture(String projectVersion) {
        return new EnvInfo(projectVersion, System.getProperty("java.runtime.version"), System.getProperty("java.vendor"),
                System.getProperty("java.vm.name"), System.getProperty("os.name"), System.getProperty("os.version"),
                System.getProperty("os.arch"), Runtime.getRuntime().availableProcessors(), readCpuModel(),
                Runtime.getRuntime().maxMemory(), List.of());
    }

    /** This environment with the targets' versions. */
    public EnvInfo withTargets(List<TargetVersion> versions) {
        return new EnvInfo(projectVersion, javaVersion, javaVendor, vmName, osName, osVersion, osArch, availableProcessors,
                cpuModel, maxHeapBytes, versions);
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
