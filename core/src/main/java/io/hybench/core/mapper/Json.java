package io.hybench.core.mapper;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
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
    public static final ObjectMapper MAPPER = configured(JsonMapper.builder());

    /**
     * {@link #MAPPER}'s configuration for JSON written on the harness's request threads (request bodies, the
     * request log). Jackson recycles its buffers per thread by default; on virtual threads, one per user or per
     * request, that is about 14 kB of buffers held by every thread, or allocated anew for every short-lived one.
     * These threads share one bounded pool instead: only as many buffer sets as are in use at once.
     */
    public static final ObjectMapper REQUEST_THREADS_MAPPER = configured(
            JsonMapper.builder(JsonFactory.builder().recyclerPool(JsonRecyclerPools.newBoundedPool(64)).build()));

    private Json() {
    }

    private static ObjectMapper configured(JsonMapper.Builder builder) {
        return builder
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .build();
    }
}
