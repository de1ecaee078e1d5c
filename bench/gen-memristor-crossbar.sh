#!/usr/bin/env bash
# Writes an MxN crossbar of Yakopcic memristors for a transient (issue 15's behavioural-expression
# benchmark): rows driven by 100 Hz sines of 0.45 V (phases spread over the rows) through 2.5 ohm,
# 2.5 ohm wire segments on rows and columns, columns read through 2.5 ohm sense resistors, every
# cell starting from its own state (0.05-0.25, seeded). Cells are either
#   behavioural  a subcircuit of B sources, a 1 F state capacitor and a G source: the equations of
#                shared/reference/memristor_yakopcic.cir, which ngspice runs as well, or
#   native       memspice's YMEMRISTOR with model=yakopcic and the same parameters.
# usage: gen-memristor-crossbar.sh ROWS COLS behavioural|native [TSTOP] [SEED] > out.cir
set -euo pipefail
rows=${1:?rows}; cols=${2:?cols}; kind=${3:?behavioural or native}; tstop=${4:-10m}; seed=${5:-1}
case "$kind" in behavioural|native) ;; *) echo "kind must be behavioural or native" >&2; exit 2;; esac
awk -v M="$rows" -v N="$cols" -v kind="$kind" -v tstop="$tstop" -v seed="$seed" 'BEGIN {
  srand(seed);
  printf "* %dx%d Yakopcic memristor crossbar, %s cells, 100 Hz 0.45 V sines, 2.5 ohm wires (seed %d)\n", M, N, kind, seed;
  print ".param a1=0.17 a2=0.17 b=0.05 vp=0.16 vn=0.15 ap=4000 an=4000 xp=0.3 xn=0.5 alphap=1 alphan=5 eta=1";
  if (kind == "behavioural") {
    print ".subckt ymem p n params: x0=0.11";
    print "Bmem p n I = (V(p,n) >= 0 ? a1 : a2) * V(x) * sinh(b*V(p,n))";
    print "Bg g 0 V = V(p,n) > vp ? ap*(exp(V(p,n)) - exp(vp)) : (V(p,n) < -vn ? -an*(exp(-V(p,n)) - exp(vn)) : 0)";
    print "Bf f 0 V = V(p,n) >= 0 ? (V(x) >= xp ? exp(-alphap*(V(x)-xp)) * ((xp-V(x))/(1-xp) + 1) : 1) : (V(x) <= 1-xn ? exp(alphan*(V(x)+xn-1)) * (V(x)/(1-xn)) : 1)";
    print "Cx x 0 1 IC={x0}";
    print "Gx 0 x value = eta * V(g) * V(f)";
    print ".ends";
  } else {
    print ".model ymem memristor (model=yakopcic a1=0.17 a2=0.17 b=0.05 vp=0.16 vn=0.15 ap=4000 an=4000 xp=0.3 xn=0.5 alphap=1 alphan=5 eta=1)";
  }
  for (i = 0; i < M; i++) {
    printf "VIN%d in%d 0 SIN(0 0.45 100 0 0 %.1f)\n", i, i, 360 * i / M;
    printf "RS%d in%d r%d_0 2.5\n", i, i, i;
    for (j = 0; j + 1 < N; j++) printf "RR%d_%d r%d_%d r%d_%d 2.5\n", i, j, i, j, i, j + 1;
  }
  for (j = 0; j < N; j++) {
    for (i = 0; i + 1 < M; i++) printf "RC%d_%d c%d_%d c%d_%d 2.5\n", i, j, i, j, i + 1, j;
    printf "RSENSE%d c%d_%d 0 2.5\n", j, M - 1, j;
  }
  for (i = 0; i < M; i++) for (j = 0; j < N; j++) {
    x0 = 0.05 + 0.2 * rand();
    if (kind == "behavioural") printf "XM%d_%d r%d_%d c%d_%d ymem x0=%.4f\n", i, j, i, j, i, j, x0;
    else printf "YMEMRISTOR M%d_%d r%d_%d c%d_%d ymem x0=%.4f\n", i, j, i, j, i, j, x0;
  }
  printf ".print tran i(vin0) i(vin%d)\n", M - 1;
  printf ".tran 5u %s uic\n", tstop;
  print ".end";
}'
