#!/usr/bin/env bash
# MEMprop's accuracy per device model and with 5 % device-to-device variation, against the
# ideal-weight (SPICEprop) network of the same shape trained the same way: 784-100-10 on MNIST,
# EPOCHS epochs (default 3) each, everything else as scripts/train-mnist.sh. Prints a table.
# Runs already finished under OUT_ROOT are read, not repeated. TEAM with variation only when
# VARIATION_TEAM=1 (TEAM pairs train at a fifth of the others' speed: BENCHMARKS.md).
#   scripts/memprop-devices.sh [EPOCHS] [OUT_ROOT]          (about 10 minutes per run on 2 cores)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
epochs="${1:-3}"
root="${2:-runs/devices-$epochs}"
export MEMSPICE_DATA="${MEMSPICE_DATA:-$(pwd)/../shared/datasets}"
[ -f cli/target/memspice.jar ] || mvn -q -DskipTests package
common=(--dataset mnist --hidden 100 --steps 100 --dt 1e-4 --encoding direct --loss ce-sum --readout mean --optimizer adam
  --lr 0.01 --schedule cosine --batch 32 --epochs "$epochs" --seed 1 --quiet)
run() { # name, options...
  local name="$1"; shift
  local out="$root/$name"
  local resume=()
  [ -f "$out/checkpoint.msp" ] && resume=(--resume)
  # a finished run is read, not run again
  [ -f "$out/log.csv" ] && [ "$(($(wc -l < "$out/log.csv") - 1))" -ge "$epochs" ] || ./memspice train "${common[@]}" --out "$out" "${resume[@]}" "$@" > /dev/null
  tail -1 "$out/log.csv" | awk -F, '{ printf "%.2f", 100 * $6 }'
}
printf "%-34s %10s %10s\n" "synapses (784-100-10, $epochs epochs)" "test acc %" "loss, pts"
base=$(run spiceprop --model spiceprop)
printf "%-34s %10s %10s\n" "ideal (SPICEprop)" "$base" "-"
for d in yakopcic hp vteam team stanford_pku; do
  acc=$(run "memprop-$d" --model memprop --device "$d")
  printf "%-34s %10s %10.2f\n" "$d pairs" "$acc" "$(echo "$base - $acc" | bc -l)"
done
acc=$(run memprop-yakopcic-open-loop --model memprop --device yakopcic --update open-loop)
printf "%-34s %10s %10.2f\n" "yakopcic pairs, open-loop updates" "$acc" "$(echo "$base - $acc" | bc -l)"
for d in yakopcic hp vteam stanford_pku ${VARIATION_TEAM:+team}; do
  acc=$(run "memprop-$d-var5" --model memprop --device "$d" --device-variation 0.05)
  printf "%-34s %10s %10.2f\n" "$d pairs, 5 % variation" "$acc" "$(echo "$base - $acc" | bc -l)"
done
acc=$(run memprop-yakopcic-var5-cycle2 --model memprop --device yakopcic --device-variation 0.05 --cycle-noise 0.02)
printf "%-34s %10s %10.2f\n" "yakopcic, 5 % var., 2 % cycle noise" "$acc" "$(echo "$base - $acc" | bc -l)"
