#!/usr/bin/env bash
# SPICEprop on Fashion-MNIST, the headline result in one command: the same network, training and
# options as scripts/train-mnist.sh (read it for what they are), on Fashion-MNIST. The shared
# Fashion-MNIST training file lost one image in the middle (59,999 of the 60,000 its header
# announces): the script trains on a repaired copy (scripts/data-for.sh).
#   scripts/train-fashion.sh [OUT_DIR] [extra memspice train options...]
set -euo pipefail
here="$(dirname "${BASH_SOURCE[0]}")"
out="${1:-runs/spiceprop-fashion}"
shift || true
TRAIN_DATASET=fashion exec "$here/train-mnist.sh" "$out" "$@"
