#!/usr/bin/env bash
# SPICEprop on Fashion-MNIST, the headline result in one command: the same network, training and
# options as scripts/train-mnist.sh (read it for what they are), on the official Fashion-MNIST
# (Debian's dataset-fashion-mnist package; scripts/data-for.sh says why not the shared copy).
#   scripts/train-fashion.sh [OUT_DIR] [extra memspice train options...]
set -euo pipefail
here="$(dirname "${BASH_SOURCE[0]}")"
out="${1:-runs/spiceprop-fashion}"
shift || true
TRAIN_DATASET=fashion exec "$here/train-mnist.sh" "$out" "$@"
