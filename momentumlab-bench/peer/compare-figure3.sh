#!/usr/bin/env bash
# End to end on this machine, in one run: `./mlab run momentum-vs-gd` (2 threads) against the PyTorch
# script of the same preset (figure3_torch.py, CPU, 2 threads, float64 and float32), and the ratio.
# Needs Debian's python3-torch (apt-get install python3-torch).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
out=$(mktemp -d)
t0=$(date +%s.%N)
"$root/mlab" run momentum-vs-gd --threads 2 --out "$out" | grep "^finished in"
t1=$(date +%s.%N)
"$root/momentumlab-bench/peer/figure3_torch.py" --dtype float64 --threads 2 > "$out/torch64.txt"
head -1 "$out/torch64.txt"
t2=$(date +%s.%N)
"$root/momentumlab-bench/peer/figure3_torch.py" --dtype float32 --threads 2 > "$out/torch32.txt"
head -1 "$out/torch32.txt"
t3=$(date +%s.%N)
python3 - "$t0" "$t1" "$t2" "$t3" <<'PY'
import sys
t0, t1, t2, t3 = map(float, sys.argv[1:])
m, f64, f32 = t1 - t0, t2 - t1, t3 - t2
print(f"wall clock: mlab {m:.1f} s, PyTorch float64 {f64:.1f} s ({f64 / m:.1f}x), PyTorch float32 {f32:.1f} s ({f32 / m:.1f}x)")
PY
rm -rf "$out"
