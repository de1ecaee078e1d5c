#!/usr/bin/env bash
# The STDP results of BENCHMARKS.md in one run: the device-derived window for every memristor
# model (default parameters except Yakopcic, which uses stdp/README.md's set), the 4-pattern task
# over 10 seeds, retrieval from partial cues, and the circuit check (the 25 x 4 network learning as a
# netlist in the general engine against the fast network; with ngspice on the PATH also in ngspice).
# Prints each command's headline and its wall time. About 15 minutes on a quiet 2-core machine.
# usage: bench/stdp.sh [OUT_DIR]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$root/runs/stdp-bench}"
[ -f "$root/cli/target/memspice.jar" ] || (cd "$root" && mvn -q -DskipTests package)
mkdir -p "$out"
timed() { # name, then the memspice arguments
  local name="$1"; shift
  local t0; t0=$(date +%s.%N)
  "$root/memspice" "$@" --quiet > "$out/$name.log" 2>&1
  printf '%-22s %7.1f s  %s\n' "$name" "$(echo "$(date +%s.%N) - $t0" | bc)" "$(tail -1 "$out/$name.log")"
}
for m in yakopcic vteam team hp stanford_pku; do
  t0=$(date +%s.%N)
  "$root/memspice" stdp window -o "$out/window-$m" --model "$m" > "$out/window-$m.log" 2>&1
  printf '%-22s %7.1f s  %s\n' "window $m" "$(echo "$(date +%s.%N) - $t0" | bc)" "$(tail -1 "$out/window-$m.log")"
done
timed patterns stdp patterns --seeds 10 -o "$out/patterns"
timed recall stdp recall -o "$out/recall"
if command -v ngspice > /dev/null; then
  timed circuit stdp circuit -o "$out/circuit" --ngspice
else
  timed circuit stdp circuit -o "$out/circuit"
fi
