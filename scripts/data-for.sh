#!/usr/bin/env bash
# Prints the --data folder to train DATASET from: MEMSPICE_DATA when its files are whole
# (memspice data check), else a repaired copy beside it in runs/ (memspice data repair: the
# shared Fashion-MNIST training file lost one image in the middle, which pairs the 25,333 images
# after it with the wrong labels). Messages go to stderr.
#   scripts/data-for.sh DATASET
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
dataset="$1"
if ./memspice data check --dataset "$dataset" >&2; then
  echo "$MEMSPICE_DATA"
  exit 0
fi
repaired="runs/repaired-data"
if ! ./memspice data check --dataset "$dataset" --data "$repaired" > /dev/null 2>&1; then
  ./memspice data repair --dataset "$dataset" -o "$repaired" >&2
fi
echo "training on the repaired copy in $repaired" >&2
echo "$(pwd)/$repaired"
