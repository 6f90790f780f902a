package io.hybench.emulator.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpHeaders;
import io.hybench.emulator.engine.Rejection;

/** One protocol's generation endpoints: reading requests, rendering answers and wording errors. */
interface FrontEnd {
    EmulatedRequest parse(String path, JsonNode body, HttpHeaders headers) throws ApiError;

    Renderer renderer(String path, EmulatedRequest request, ResponseContext context);

    /** The refusal this server gives for a model it does not serve. */
    ApiError unknownModel(String model);

    ErrorReply error(ApiError error);

    ErrorReply rejected(Rejection rejection, EmulatedRequest request);

    ErrorReply serverError();

    /** How this protocol asks a cloud API to cache prompts (only the cloud engine acts on it). */
    default PromptTokens.Caching caching() {
        return PromptTokens.Caching.NONE;
    }
}
