package io.hybench.bench.context;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class PrometheusTextTest {
    /** The shape of vLLM's exposition (vllm/v1/metrics/loggers.py): HELP/TYPE comments, labels, two engines. */
    private static final String VLLM = """
            # HELP vllm:num_requests_running Number of requests in model execution batches.
            # TYPE vllm:num_requests_running gauge
            vllm:num_requests_running{engine="0",model_name="m"} 3.0
            vllm:num_requests_running{engine="1",model_name="m"} 2.0
            # HELP vllm:num_requests_waiting Number of requests waiting to be processed.
            # TYPE vllm:num_requests_waiting gauge
            vllm:num_requests_waiting{engine="0",model_name="m"} 7.0
            vllm:kv_cache_usage_perc{engine="0",model_name="m"} 0.25
            vllm:kv_cache_usage_perc{engine="1",model_name="m"} 0.75
            vllm:e2e_request_latency_seconds_bucket{engine="0",le="+Inf",model_name="m"} 12.0
            process_open_fds 42 1712345678000
            vllm:weird{engine="0"} not-a-number
            """;

    @Test
    void sumsAndMeansOverLabelSets() {
        PrometheusText t = PrometheusText.parse(VLLM);
        assertEquals(5.0, t.sum("vllm:num_requests_running"), "running requests add over engines");
        assertEquals(7.0, t.sum("vllm:num_requests_waiting"));
        assertEquals(0.5, t.mean("vllm:kv_cache_usage_perc"), 1e-12, "cache usage is a fraction per engine: averaged");
        assertEquals(12.0, t.sum("vllm:e2e_request_latency_seconds_bucket"), "a label value with '+' and a '}' after it");
        assertEquals(42.0, t.sum("process_open_fds"), "unlabelled sample with a timestamp");
        assertNull(t.sum("vllm:weird"), "an unparseable value is missing, not 0");
        assertNull(t.mean("vllm:gpu_cache_usage_perc"));
    }
}
