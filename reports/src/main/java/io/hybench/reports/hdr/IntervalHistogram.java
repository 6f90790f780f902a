package io.hybench.reports.hdr;

import org.HdrHistogram.Histogram;

/**
 * One interval of a histogram log.
 *
 * @param startSeconds seconds from the start of the log to the interval's start
 * @param endSeconds   seconds from the start of the log to the interval's end
 * @param histogram    the values recorded in the interval (nanoseconds); not to be modified
 */
public record IntervalHistogram(double startSeconds, double endSeconds, Histogram histogram) {
}
