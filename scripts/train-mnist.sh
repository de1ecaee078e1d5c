#!/usr/bin/env bash
# SPICEprop on MNIST, the headline result in one command (BENCHMARKS.md has the figures):
# a 784-100-10 fully memristive network of MIF neurons with ideal signed weights, trained by
# BPTT through the neurons' dynamics: direct input (0.1 V per white pixel), 100 steps of
# 0.1 ms, cross-entropy on the time-averaged output membrane voltage, Adam with a cosine
# schedule from lr 0.01, batches of 32, 15 epochs. About 25 minutes on 2 cores.
#   scripts/train-mnist.sh [OUT_DIR] [extra memspice train options...]
# Data: --data DIR or MEMSPICE_DATA (default ../shared/datasets). Resumes if OUT_DIR holds a run.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
out="${1:-runs/spiceprop-mnist}"
shift || true
export MEMSPICE_DATA="${MEMSPICE_DATA:-$(pwd)/../shared/datasets}"
[ -f cli/target/memspice.jar ] || mvn -q -DskipTests package
resume=()
[ -f "$out/checkpoint.msp" ] && resume=(--resume)
dataset="${TRAIN_DATASET:-mnist}"   # scripts/train-fashion.sh sets fashion
data="$(scripts/data-for.sh "$dataset")"
./memspice train --data "$data" --model spiceprop --dataset "$dataset" --hidden 100 --steps 100 --dt 1e-4 --encoding direct \
  --loss ce-sum --readout mean --optimizer adam --lr 0.01 --schedule cosine --batch 32 --epochs 15 --seed 1 \
  --out "$out" "${resume[@]}" "$@"
./memspice eval "$out" --data "$data"
