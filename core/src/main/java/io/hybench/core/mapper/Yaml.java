package io.hybench.core.mapper;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/** The project's YAML configurations, one per way a YAML file is read or written. Shared: never reconfigure them. */
public final class Yaml {
    /** Trees and records with Jackson's defaults: emulator profiles, seed-router thresholds. */
    public static final YAMLMapper READER = new YAMLMapper();
    /** Records that fail on a key they do not have: question mappings, column mappings. */
    public static final YAMLMapper STRICT = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    /** snake_case keys onto record components; unknown keys and missing creator values fail: price files. */
    public static final ObjectMapper SNAKE_CASE_STRICT = JsonMapper.builder(new YAMLFactory())
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
            .build();
    /** No document-start marker, quotes only where needed: resolved workloads, LiteLLM configs. */
    public static final YAMLMapper WRITER = YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .build();
    /** No document-start marker, strings quoted: collect's mapping files. */
    public static final YAMLMapper QUOTING_WRITER = YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .build();

    private Yaml() {
    }
}
