package io.hybench.core.mapper;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.util.Locale;

/** The project's YAML configurations, one per way a YAML file is read or written. Shared: never reconfigure them. */
public final class Yaml {
    /**
     * The configuration dialect (workloads, emulator profiles, price files, question and column mappings;
     * read through {@link io.hybench.core.config.ConfigFiles}): unknown keys, missing primitives, text for
     * numbers and fractions for whole numbers fail; enum constants are read in any case and written in lower case.
     */
    public static final YAMLMapper CONFIG = YAMLMapper.builder(YAMLFactory.builder()
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                    .disable(YAMLGenerator.Feature.USE_NATIVE_TYPE_ID)
                    .build())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .addModule(new SimpleModule("lower-case-enums").addSerializer(Enum.class, new LowerCaseEnums()))
            .build();
    /** Trees with Jackson's defaults: seed-router thresholds. */
    public static final YAMLMapper READER = new YAMLMapper();
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

    @SuppressWarnings("rawtypes")
    private static final class LowerCaseEnums extends StdScalarSerializer<Enum> {
        LowerCaseEnums() {
            super(Enum.class);
        }

        @Override
        public void serialize(Enum value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(value.name().toLowerCase(Locale.ROOT));
        }
    }
}
