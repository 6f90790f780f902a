package io.hybench.core.mapper;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The project's one JSON configuration for result files ({@code requests.jsonl}, {@code summary.json},
 * probe output). Records serialize by component name, so the Java record is the schema; renaming a
 * component is a format change and must be reflected in docs.
 */
public final class Json {
    /** Compact, one object per line; unknown fields in old files are tolerated on read. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();

    private Json() {
    }
}
