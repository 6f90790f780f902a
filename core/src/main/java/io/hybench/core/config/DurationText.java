package io.hybench.core.config;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import io.hybench.core.time.Durations;

import java.io.IOException;

/** Nanosecond durations written as text ({@code 500ms}, {@code 30s}, {@code 2m}) in configuration files. */
public final class DurationText {
    private DurationText() {
    }

    public static final class Deserializer extends StdScalarDeserializer<Long> {
        public Deserializer() {
            super(Long.class);
        }

        @Override
        public Long deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = p.currentToken() == JsonToken.VALUE_STRING ? p.getText() : null;
            try {
                if (text == null) throw new IllegalArgumentException("expected a duration like 500ms, 30s, 2m or 1h, was " + p.getText());
                return Durations.parseNanos(text);
            } catch (IllegalArgumentException e) {
                InvalidFormatException f = InvalidFormatException.from(p, e.getMessage(), p.getText(), Long.class);
                f.initCause(e);
                throw f;
            }
        }
    }

    public static final class Serializer extends StdScalarSerializer<Long> {
        public Serializer() {
            super(Long.class);
        }

        @Override
        public void serialize(Long nanos, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(Durations.format(nanos));
        }
    }
}
