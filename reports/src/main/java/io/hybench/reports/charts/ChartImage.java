package io.hybench.reports.charts;

import java.util.Base64;
import java.util.Objects;

/**
 * An encoded chart ready to inline into a page.
 *
 * @param mimeType   "image/png"
 * @param bytes      the encoded image
 * @param widthPx    display width in CSS pixels (the bitmap may hold more pixels, for sharp high-DPI display)
 * @param heightPx   display height in CSS pixels
 * @param altText    what the chart shows, for readers that cannot see it
 */
public record ChartImage(String mimeType, byte[] bytes, int widthPx, int heightPx, String altText) {

    public ChartImage {
        Objects.requireNonNull(mimeType, "mimeType");
        Objects.requireNonNull(altText, "altText");
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** A {@code data:} URI holding the whole image, so the page needs no other file. */
    public String dataUri() {
        return "data:" + mimeType + ";base64," + Base64.getEncoder().encodeToString(bytes);
    }
}
