#!/usr/bin/env bash
# MEMprop: the headline network of scripts/train-mnist.sh (784-100-10, same options) with every
# weight held by a pair of memristors of DEVICE (default yakopcic), programmed by open-loop
# pulses (1,000 levels across the range) and read below their switching threshold, on DATASET
# (mnist or fashion). Compare with the SPICEprop run of the same data set (ideal weights, same shape).
#   scripts/train-memprop.sh [DATASET] [DEVICE] [OUT_DIR] [extra memspice train options...]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
dataset="${1:-mnist}"
device="${2:-yakopcic}"
out="${3:-runs/memprop-$device-$dataset}"
shift 3 || shift $#
export MEMSPICE_DATA="${MEMSPICE_DATA:-$(pwd)/../shared/datasets}"
[ -f cli/target/memspice.jar ] || mvn -q -DskipTests package
data="$(scripts/data-for.sh "$dataset")"
resume=()
[ -f "$out/checkpoint.msp" ] && resume=(--resume)
./memspice train --data "$data" --model memprop --device "$device" --dataset "$dataset" --hidden 100 --steps 100 --dt 1e-4 \
  --encoding direct --loss ce-sum --readout mean --optimizer adam --lr 0.01 --schedule cosine --batch 32 --epochs 15 \
  --seed 1 --out "$out" "${resume[@]}" "$@"
./memspice eval "$out" --data "$data"
