package io.hybench.bench.gpu;

import java.util.List;

/**
 * The query nvidia-smi is asked and the parser of its answer
 * ({@code --format=csv,noheader,nounits}: one line per GPU, fields separated by ", ").
 */
public final class NvidiaSmiCsv {
    /** Fields in the order {@link #parse} expects them. */
    public static final String QUERY = "index,name,power.draw,utilization.gpu,memory.used,memory.total";

    private NvidiaSmiCsv() {
    }

    public static List<String> command(int intervalMillis) {
        return List.of("nvidia-smi", "--query-gpu=" + QUERY, "--format=csv,noheader,nounits", "-lms", Integer.toString(intervalMillis));
    }

    /** Parses one line; throws with the line quoted when it has the wrong shape. */
    public static GpuSample parse(String line, long atNanos) {
        String[] f = line.split(",");
        if (f.length != 6) {
            throw new IllegalArgumentException("nvidia-smi line has " + f.length + " fields, expected 6 (" + QUERY + "): '" + line + "'");
        }
        int index;
        try {
            index = Integer.parseInt(f[0].trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("nvidia-smi line has a non-numeric GPU index: '" + line + "'", e);
        }
        return new GpuSample(atNanos, index, f[1].trim(), number(f[2], line), number(f[3], line), number(f[4], line), number(f[5], line));
    }

    private static Double number(String field, String line) {
        String v = field.trim();
        if (v.startsWith("[")) return null; // [N/A], [Not Supported], [Unknown Error]
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("nvidia-smi field '" + v + "' is not a number in line '" + line + "'", e);
        }
    }
}
