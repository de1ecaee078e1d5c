#!/usr/bin/env bash
# Prints the --data folder to train DATASET from (messages on stderr).
#  - mnist: MEMSPICE_DATA (default ../shared/datasets), checked whole by memspice data check.
#  - fashion: the official Fashion-MNIST of Debian's dataset-fashion-mnist package
#    (/usr/share/datasets; FASHION_DATA overrides), because the copy in ../shared/datasets is
#    not the official split and its training file lost one image in the middle (see
#    BENCHMARKS.md); FASHION_DATA=shared uses that copy, repaired by memspice data repair into
#    runs/repaired-data (the records around the lost image left out).
#   scripts/data-for.sh DATASET
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
dataset="$1"
export MEMSPICE_DATA="${MEMSPICE_DATA:-$(pwd)/../shared/datasets}"
if [ "$dataset" = fashion ] && [ "${FASHION_DATA:-}" != shared ]; then
  official="${FASHION_DATA:-/usr/share/datasets}"
  if [ ! -f "$official/fashion-mnist/train-images-idx3-ubyte.gz" ]; then
    echo "the official Fashion-MNIST is not in $official: apt-get install dataset-fashion-mnist" \
      "(or FASHION_DATA=shared for the repaired shared copy)" >&2
    exit 2
  fi
  ./memspice data check --dataset fashion --data "$official" >&2
  echo "$official"
  exit 0
fi
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
