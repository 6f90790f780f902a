package io.hybench.core.config;

/** Range checks for configuration records; messages name the key as the file writes it. */
public final class Checks {
    private Checks() {
    }

    public static double within(String key, double v, double min, double max) {
        if (!(v >= min && v <= max)) throw new IllegalArgumentException(key + " must be in [" + plain(min) + ", " + plain(max) + "], was " + plain(v));
        return v;
    }

    public static long within(String key, long v, long min, long max) {
        if (v < min || v > max) throw new IllegalArgumentException(key + " must be in [" + min + ", " + max + "], was " + v);
        return v;
    }

    public static int within(String key, int v, int min, int max) {
        return (int) within(key, (long) v, min, max);
    }

    public static <T> T required(String key, T v) {
        if (v == null) throw new IllegalArgumentException(key + " is required");
        return v;
    }

    private static String plain(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
