"""The serving engine: a randomly initialised Llama model under transformers' ContinuousBatchingManager.

Random weights make the text meaningless but leave the work real: the same matrix shapes, KV cache, paged
attention, scheduler and kernels as the published model, so timing and memory behave as they would.
"""

import dataclasses
import threading
from typing import Callable

import torch
import transformers
from transformers import GenerationConfig, LlamaConfig, LlamaForCausalLM
from transformers.generation.configuration_utils import ContinuousBatchingConfig

# Llama-3.1-8B's published config.json; "tiny" is the same architecture small enough for a CPU test.
_LLAMA3_ROPE = {"rope_type": "llama3", "rope_theta": 500000.0, "factor": 8.0, "low_freq_factor": 1.0,
                "high_freq_factor": 4.0, "original_max_position_embeddings": 8192}
SHAPES = {
    "llama-3.1-8b": dict(vocab_size=128256, hidden_size=4096, intermediate_size=14336, num_hidden_layers=32,
                         num_attention_heads=32, num_key_value_heads=8, head_dim=128, hidden_act="silu",
                         max_position_embeddings=131072, rms_norm_eps=1e-5, rope_parameters=_LLAMA3_ROPE,
                         tie_word_embeddings=False),
    "tiny": dict(vocab_size=1024, hidden_size=64, intermediate_size=128, num_hidden_layers=2,
                 num_attention_heads=4, num_key_value_heads=2, head_dim=16, hidden_act="silu",
                 max_position_embeddings=16384, rms_norm_eps=1e-5, rope_parameters=_LLAMA3_ROPE,
                 tie_word_embeddings=False),
}


@dataclasses.dataclass(frozen=True)
class EngineSettings:
    shape: str
    device: str
    dtype: str
    seed: int
    block_size: int
    num_blocks: int | None
    max_batch_tokens: int | None
    max_requests_per_batch: int | None
    max_memory_percent: float | None
    cuda_graphs: bool | None  # None: transformers decides
    async_batching: bool | None
    attn_implementation: str
    warmup: bool


@dataclasses.dataclass(frozen=True)
class Gauges:
    running: int
    waiting: int
    kv_cache_usage: float | None  # fraction of KV blocks in use; None before the cache exists


def _tri(value: str) -> bool | None:
    return {"auto": None, "on": True, "off": False}[value]


def settings_from_args(args) -> EngineSettings:
    device = args.device or ("cuda" if torch.cuda.is_available() else "cpu")
    dtype = args.dtype or ("bfloat16" if device.startswith("cuda") else "float32")
    return EngineSettings(shape=args.shape, device=device, dtype=dtype, seed=args.seed, block_size=args.block_size,
                          num_blocks=args.num_blocks, max_batch_tokens=args.max_batch_tokens,
                          max_requests_per_batch=args.max_requests_per_batch,
                          max_memory_percent=args.max_memory_percent, cuda_graphs=_tri(args.cuda_graphs),
                          async_batching=_tri(args.async_batching), attn_implementation=args.attn_implementation,
                          warmup=args.warmup)


class Engine:
    """Owns the model and the manager. Requests are added from the event loop; outputs come back on it."""

    def __init__(self, s: EngineSettings):
        self.settings = s
        torch.manual_seed(s.seed)
        config = LlamaConfig(**SHAPES[s.shape], bos_token_id=None, eos_token_id=None, pad_token_id=0)
        config._attn_implementation = s.attn_implementation
        dtype = getattr(torch, s.dtype)
        with torch.device(s.device):
            previous = torch.get_default_dtype()
            torch.set_default_dtype(dtype)
            try:
                self.model = LlamaForCausalLM(config).eval()
            finally:
                torch.set_default_dtype(previous)
        self.vocab_size = config.vocab_size
        self.max_position_embeddings = config.max_position_embeddings
        # Greedy decoding, no EOS: every request generates exactly its max_new_tokens.
        generation = GenerationConfig(do_sample=False, eos_token_id=-1, pad_token_id=0, max_new_tokens=16)
        cb = ContinuousBatchingConfig(block_size=s.block_size, num_blocks=s.num_blocks,
                                      max_batch_tokens=s.max_batch_tokens,
                                      max_requests_per_batch=s.max_requests_per_batch,
                                      max_memory_percent=s.max_memory_percent, use_cuda_graph=s.cuda_graphs,
                                      use_async_batching=s.async_batching, seed=s.seed)
        self.manager = self.model.init_continuous_batching(generation_config=generation, continuous_batching_config=cb)
        if s.warmup:
            self.manager.warmup()  # creates the cache and captures CUDA graphs before the first request
        self.manager.start()
        self._ids = 0
        self._ids_lock = threading.Lock()

    def next_request_id(self) -> str:
        with self._ids_lock:
            self._ids += 1
            return f"req-{self._ids}"

    def fatal_error(self) -> str | None:
        e = self.manager.background_thread_status.fatal_error
        if e is not None:
            return str(e)
        return None if self.manager.is_running() else "the generation thread is not running"

    def submit(self, request_id: str, input_ids: list[int], max_new_tokens: int, streaming: bool,
               on_output: Callable) -> bool:
        """Registers the handler first (a fast request could finish before it), then queues the request.
        Must run on the event loop, which then receives every output. False when the manager refused it."""
        self.manager.register_result_handler(request_id, on_output)
        added = self.manager.add_request(input_ids, request_id=request_id, max_new_tokens=max_new_tokens,
                                         streaming=streaming, eos_token_id=-1)
        if added is None:
            with self.manager.output_router._lock:
                self.manager.output_router.result_handlers.pop(request_id, None)
            return False
        return True

    def cancel(self, request_id: str) -> None:
        self.manager.cancel_request(request_id)

    def gauges(self) -> Gauges:
        queued = self.manager.input_queue.qsize()  # added, not yet taken by the scheduler
        bp = self.manager.batch_processor
        if bp is None:
            return Gauges(running=0, waiting=queued, kv_cache_usage=None)
        sched = bp.scheduler
        blocks = bp.cache.num_blocks
        used = None if not blocks else 1.0 - bp.cache.get_num_free_blocks() / blocks
        return Gauges(running=len(sched.active_requests), waiting=queued + len(sched.waiting_requests),
                      kv_cache_usage=used)

    def resolved(self) -> dict:
        """The settings the manager actually uses (transformers fills what was left to it)."""
        c = self.manager.continuous_batching_config
        bp = self.manager.batch_processor
        return {"shape": self.settings.shape, "device": self.settings.device, "dtype": self.settings.dtype,
                "parameters": sum(p.numel() for p in self.model.parameters()),
                "attn_implementation": self.model.config._attn_implementation,
                "block_size": c.block_size,
                "num_blocks": bp.cache.num_blocks if bp else c.num_blocks,
                "max_batch_tokens": bp.cache.max_batch_tokens if bp else c.max_batch_tokens,
                "max_requests_per_batch": c.max_requests_per_batch,
                "cuda_graphs": c.use_cuda_graph, "async_batching": c.use_async_batching,
                "transformers": transformers.__version__, "torch": torch.__version__}

    def stop(self) -> None:
        self.manager.stop(block=True, timeout=10)
