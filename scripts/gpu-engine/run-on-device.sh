#!/usr/bin/env bash
# Runs hybench against the GPU engine on a machine with a GPU and no Java (the device tool's machine).
#
# Here:   scripts/gpu-engine/bundle-hybench           (target/device-bundle/hybench.tar.xz, ~41 MB)
# There:  scripts/gpu-engine/run-on-device.sh [--sweeps closed,open] [--rates 1,2,4] [--engine-args "..."] [--bench-args "..."]
#         (device tool: carry target/device-bundle; the repository root is the working directory)
#
# Unpacks the bundle, records the software and GPU, starts scripts/gpu-engine/server.py (Llama-3.1-8B's
# shape, random bf16 weights), samples the idle GPU with `hybench gpu`, runs each `hybench bench` sweep
# (workloads/h200-<sweep>.yaml; bench samples nvidia-smi itself while it runs), stops the engine and packs
# each result folder as $OUT/<sweep>.tar.gz beside engine.log and device-info.txt (at most 8 files come
# back). Locally, `tar xzf closed.tar.gz -C results && scripts/hybench report --in results/<run-id>`.
set -uo pipefail
cd "$(dirname "$0")/../.."
out=${OUT:-$PWD/target/device-out}
bundle=target/device-bundle/hybench.tar.xz
sweeps=closed
rates=""
engine_args=""
bench_args=""
ready_timeout=300
while [ $# -gt 0 ]; do
  case "$1" in
    --sweeps) sweeps=$2; shift 2 ;;
    --rates) rates=$2; shift 2 ;;
    --engine-args) engine_args=$2; shift 2 ;;
    --bench-args) bench_args=$2; shift 2 ;;
    --bundle) bundle=$2; shift 2 ;;
    *) echo "run-on-device: unknown option $1" >&2; exit 2 ;;
  esac
done
[ -f "$bundle" ] || { echo "run-on-device: no bundle at $bundle (run scripts/gpu-engine/bundle-hybench here first)" >&2; exit 2; }
mkdir -p "$out"
work=$(mktemp -d)
python3 -c 'import sys, tarfile; tarfile.open(sys.argv[1]).extractall(sys.argv[2])' "$bundle" "$work" || exit 1
hybench="$work/hybench/bin/hybench"

{
  date -u +"%Y-%m-%dT%H:%M:%SZ"; uname -a; nproc; uptime
  nvidia-smi --query-gpu=name,driver_version,memory.total,power.limit,clocks.max.sm --format=csv
  python3 - <<'EOF'
import inspect, torch, transformers, aiohttp
from transformers.generation.continuous_batching.continuous_api import ContinuousBatchingManager, ContinuousMixin
print("torch", torch.__version__, "cuda", torch.version.cuda, "transformers", transformers.__version__, "aiohttp", aiohttp.__version__)
print("init_continuous_batching", inspect.signature(ContinuousMixin.init_continuous_batching))
print("add_request", inspect.signature(ContinuousBatchingManager.add_request))
print("register_result_handler", inspect.signature(ContinuousBatchingManager.register_result_handler))
from transformers.utils import is_flash_attn_2_available
print("flash_attn_2", is_flash_attn_2_available())
EOF
  "$hybench" --version
} > "$out/device-info.txt" 2>&1
cat "$out/device-info.txt"

PYTHONUNBUFFERED=1 python3 scripts/gpu-engine/server.py --port 8000 $engine_args > "$out/engine.log" 2>&1 &
engine=$!
start=$(date +%s)
until grep -q '^ready:' "$out/engine.log"; do
  if ! kill -0 "$engine" 2>/dev/null || [ $(( $(date +%s) - start )) -gt $ready_timeout ]; then
    echo "run-on-device: the engine did not start" >&2; tail -30 "$out/engine.log" >&2; exit 1
  fi
  sleep 1
done
echo "engine ready after $(( $(date +%s) - start )) s"; grep '^engine:' "$out/engine.log"

"$hybench" gpu --duration 3s --interval 250ms > "$out/gpu-idle.txt" 2>&1; tail -1 "$out/gpu-idle.txt"
status=0
IFS=, read -ra list <<< "$sweeps"
for sweep in "${list[@]}"; do
  extra=()
  [ "$sweep" = open ] && [ -n "$rates" ] && extra=(--rates "$rates")
  "$hybench" bench --workload "scripts/gpu-engine/workloads/h200-$sweep.yaml" --out "$work/results" \
    --run-id "h200-$sweep" --no-progress "${extra[@]}" $bench_args 2>&1 | tee "$out/bench-$sweep.log" || status=1
  [ -d "$work/results/h200-$sweep" ] && tar -C "$work/results" -czf "$out/$sweep.tar.gz" "h200-$sweep"
done
kill "$engine"; wait "$engine" 2>/dev/null
ls -l "$out"
exit $status
