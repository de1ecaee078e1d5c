#!/usr/bin/env bash
# Writes a passive MxN crossbar netlist in the same form as shared/reference/xbar_passive_64.cir:
# row drivers with a source resistance, 2.5 ohm wire segments on rows and columns, one linear cell
# per crossing (10k-60k ohm, seeded), columns read through a 2.5 ohm sense resistor, and .op.
# usage: gen-crossbar.sh ROWS COLS [SEED] > out.cir
set -euo pipefail
rows=${1:?rows}; cols=${2:?cols}; seed=${3:-1}
awk -v M="$rows" -v N="$cols" -v seed="$seed" 'BEGIN {
  srand(seed);
  printf "* passive crossbar %dx%d, wire resistance 2.5 ohm per segment, linear cells (seed %d)\n", M, N, seed;
  for (i = 0; i < M; i++) {
    printf "VIN%d in%d 0 DC %.4f\n", i, i, 0.1 + 0.2 * rand();
    printf "RS%d in%d r%d_0 2.5\n", i, i, i;
    for (j = 0; j + 1 < N; j++) printf "RR%d_%d r%d_%d r%d_%d 2.5\n", i, j, i, j, i, j + 1;
  }
  for (j = 0; j < N; j++) {
    for (i = 0; i + 1 < M; i++) printf "RC%d_%d c%d_%d c%d_%d 2.5\n", i, j, i, j, i + 1, j;
    printf "RSENSE%d c%d_%d 0 2.5\n", j, M - 1, j;
  }
  for (i = 0; i < M; i++) for (j = 0; j < N; j++) printf "RM%d_%d r%d_%d c%d_%d %.1f\n", i, j, i, j, i, j, 10000 + 50000 * rand();
  print ".op";
  print ".end";
}'
