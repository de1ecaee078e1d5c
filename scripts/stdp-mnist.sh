#!/usr/bin/env bash
# Unsupervised MNIST with the device-derived STDP rule (Diehl and Cook style), the run behind
# BENCHMARKS.md's "STDP" section: one pass over the 60,000 training images, neurons labelled over
# the last 10,000, test on the 10,000 test images. With 100 neurons it took 65 min on the busy
# 2-core machine (15.4 training images/s; 65.06 %, BENCHMARKS.md); 400 neurons take hours, so the
# run saves DIR/checkpoint.bin every 5 minutes and the same command goes on from it.
#   scripts/stdp-mnist.sh [OUT_DIR] [NEURONS] [extra memspice stdp mnist options...]
# Data: --data DIR or MEMSPICE_DATA (default ../shared/datasets).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
out="${1:-runs/stdp-mnist}"
neurons="${2:-400}"
shift 2 || shift $# || true
export MEMSPICE_DATA="${MEMSPICE_DATA:-$(pwd)/../shared/datasets}"
[ -f cli/target/memspice.jar ] || mvn -q -DskipTests package
./memspice stdp mnist --neurons "$neurons" --train 60000 --label-images 10000 --test 10000 --seed 1 -o "$out" "$@"
