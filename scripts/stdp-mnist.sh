#!/usr/bin/env bash
# Unsupervised MNIST with the device-derived STDP rule (Diehl and Cook style), the run behind
# BENCHMARKS.md's "STDP" section: one pass over the 60,000 training images, neurons labelled over
# the last 10,000, test on the 10,000 test images, with the command's defaults (the Yakopcic set
# with eta 0.1 and an 300, calibrated line gains). With 100 neurons it took 57 min on the 2-core
# machine beside other work (18.4 training images/s; 78.38 %, BENCHMARKS.md); 400 neurons take
# hours, so the run saves DIR/checkpoint.bin every 5 minutes and the same command goes on from it.
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
