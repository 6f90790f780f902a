package io.hybench.calibrate.collect.prompts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A prompt with {@code {name}} placeholders. {@code id} (e.g. {@code mc/v1}) names the wording; a new
 * wording gets a new version, never an edit in place, because results are only comparable under the
 * same prompt. The id, text and its SHA-256 go into every collect run's provenance.
 */
public record PromptTemplate(String id, String text) {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_]+)}");

    public PromptTemplate {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
    }

    public String render(Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = values.get(m.group(1));
            if (v == null) throw new IllegalArgumentException("prompt " + id + ": no value for {" + m.group(1) + "}");
            m.appendReplacement(out, Matcher.quoteReplacement(v));
        }
        m.appendTail(out);
        return out.toString();
    }

    public String sha256() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
