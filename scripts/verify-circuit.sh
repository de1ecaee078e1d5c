#!/usr/bin/env bash
# The circuit check of the issue: a 784-32-10 SPICEprop network trained on MNIST (3 epochs,
# otherwise as scripts/train-mnist.sh), then 100 class-balanced test images through the trained
# network as a circuit in memspice's general engine, counting the predicted classes that agree
# with the stepped model (target: at least 99 of 100).
#   scripts/verify-circuit.sh [OUT_DIR] [IMAGES]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
out="${1:-runs/spiceprop-mnist-32}"
images="${2:-100}"
export MEMSPICE_DATA="${MEMSPICE_DATA:-$(pwd)/../shared/datasets}"
[ -f cli/target/memspice.jar ] || mvn -q -DskipTests package
if [ ! -f "$out/checkpoint.msp" ]; then
  ./memspice train --model spiceprop --dataset mnist --hidden 32 --steps 100 --dt 1e-4 --encoding direct --loss ce-sum \
    --readout mean --optimizer adam --lr 0.01 --schedule cosine --batch 32 --epochs 3 --seed 1 --out "$out"
fi
./memspice eval "$out" --quiet | tail -1
./memspice train verify-circuit "$out" --images "$images" > "$out/verify-circuit.csv"
tail -3 "$out/verify-circuit.csv"
