#!/usr/bin/env bash
# SPICEprop on Fashion-MNIST, the headline result in one command: the same network, training and
# options as scripts/train-mnist.sh (read it for what they are), on Fashion-MNIST. The shared
# Fashion-MNIST training file is one image short of what its header announces (59,999 of 60,000):
# --allow-truncated trains on its complete images and says so.
#   scripts/train-fashion.sh [OUT_DIR] [extra memspice train options...]
set -euo pipefail
here="$(dirname "${BASH_SOURCE[0]}")"
out="${1:-runs/spiceprop-fashion}"
shift || true
TRAIN_DATASET=fashion exec "$here/train-mnist.sh" "$out" --allow-truncated "$@"
