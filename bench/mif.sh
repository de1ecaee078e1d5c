#!/usr/bin/env bash
# Times the MIF neuron: one neuron for 1 s of biological time (100 alpha inputs of 20 uA, one
# every 10 ms) through the general circuit engine (netlist), through ngspice on a behavioural
# equivalent of the same equations (B sources, when ngspice is on PATH), and through the stepped
# model (fixed 10 us steps and adaptive steps); then a batch of 10,000 neurons for 1,000 steps.
# Prints whole-process wall times (of the commands without --stats), in-process times and ratios,
# from one run.
# usage: bench/mif.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[ -f "$root/cli/target/memspice.jar" ] || (cd "$root" && mvn -q -DskipTests package)
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
"$root/memspice" --version > /dev/null   # records the class-data-sharing archive
now() { date +%s.%N; }

# one neuron, 1 s: the bundled subcircuits plus a 100-input train
pwl() { # the input source: 1 us pulses of area e*20uA centred on 1 ms + k*10 ms, k = 0..99
  awk 'BEGIN { a = exp(1) * 20e-6 / (1e-6 - 1e-9); printf "Vin in 0 PWL(0 0";
    for (k = 0; k < 100; k++) { t = 1e-3 + k * 10e-3;
      printf "\n+ %.9g 0 %.9g %.12g %.9g %.12g %.9g 0", t - 5e-7, t - 5e-7 + 1e-9, a, t + 5e-7 - 1e-9, a, t + 5e-7 }
    print ")" }'
}
{ echo "* MIF neuron, 1 s, 100 inputs"; sed -n '/^\* MIF neuron: membrane/,/^\.ends/p' "$root/netlists/mif_neuron.cir"
  sed -n '/^\* alpha synapse/,/^\.ends/p' "$root/netlists/mif_neuron.cir"; pwl
  printf "Xsyn in v alpha\nXn v mif\n.tran 10u 1.001\n.print tran v(v)\n.end\n"; } > "$work/mif_1s.cir"

# the same neuron for ngspice: each memristor's state on a 1 F capacitor, I = G(x)*v by a B source
x1=$(sed -n 's/^ymemristor m1 .* x0=\([^ ]*\).*/\1/p' "$root/netlists/mif_neuron.cir")
x2=$(sed -n 's/^ymemristor m2 .* x0=\([^ ]*\).*/\1/p' "$root/netlists/mif_neuron.cir")
vrest=$(sed -n 's/.*v_rest = \([^ ]*\) V.*/\1/p' "$root/netlists/mif_neuron.cir")
{ echo "* MIF neuron, 1 s, 100 inputs, behavioural memristors for ngspice"
  cat <<'NET'
.subckt thr p n x0=0
Cx x 0 1
Bx 0 x I = ((1-V(x))/(1+exp(-(V(p,n)-0.11)/0.015)) - V(x)/(1+exp(-(0.005-V(p,n))/0.015)))/1e-3
Bm p n I = (V(x)/1e3 + (1-V(x))/1e5)*V(p,n)
.ic v(x)={x0}
.ends
Cm v 0 100n
Xm1 v e1 thr x0=X1
V1 e1 0 -25m
Xm2 v e2 thr x0=X2
V2 e2 0 25m
Ca a 0 1
Ra a 0 1m
Gin 0 a in 0 1
Ci i 0 1
Ri i 0 1m
Gs 0 i a 0 1000
Gm 0 v i 0 1
NET
  pwl; echo ".ic v(v)=VREST"; printf ".tran 10u 1.001 0 10u uic\n.print tran v(v)\n.end\n"; } \
  | sed "s/X1/$x1/; s/X2/$x2/; s/VREST/$vrest/" > "$work/mif_1s_ngspice.cir"

spikes() { awk 'NR > 1 && $1 ~ /^[0-9]/ { v = $NF + 0; if (prev < 0.03 && v >= 0.03) n++; prev = v } END { print n + 0 }'; }

# the wall time of the command a user runs; the in-process time from a second run with --stats
# (its statistics load about 200 classes of the JVM's management API: 20-60 ms more)
t0=$(now); "$root/memspice" sim "$work/mif_1s.cir" -o "$work/ms.csv" 2> "$work/ms.err"; t1=$(now)
ms=$(echo "$t1 - $t0" | bc -l)
"$root/memspice" sim "$work/mif_1s.cir" -o "$work/ms-stats.csv" --stats 2> "$work/ms.log"
msin=$(sed -n 's/.*in-process total \([0-9.]*\) s.*/\1/p' "$work/ms.log")
msn=$(tr ',' ' ' < "$work/ms.csv" | spikes)
printf "%-44s %9s %12s %8s\n" "one neuron, 1 s simulated" "wall s" "in-process s" "spikes"
printf "%-44s %9.3f %12.3f %8d\n" "memspice sim (netlist, general engine)" "$ms" "$msin" "$msn"
if command -v ngspice > /dev/null; then
  t0=$(now); (cd "$work" && ngspice -b mif_1s_ngspice.cir > ng.out 2> ng.log); t1=$(now)
  ng=$(echo "$t1 - $t0" | bc -l)
  ngn=$(awk '$1 ~ /^[0-9]+$/ { print $2, $3 }' "$work/ng.out" | spikes)
  printf "%-44s %9.3f %12s %8d\n" "ngspice 39 (same equations, B sources)" "$ng" "-" "$ngn"
fi
for mode in "--step=10e-6" "--adaptive"; do
  t0=$(now); out=$("$root/memspice" mif run --neurons 1 --duration 1.001 --regular 10e-3 --input 20e-6 "$mode"); t1=$(now)
  printf "%-44s %9.3f %12s %8s\n" "memspice mif run $mode (stepped)" "$(echo "$t1 - $t0" | bc -l)" \
    "$(echo "$out" | sed -n 's/.*in-process \([0-9.]*\) s.*/\1/p')" "$(echo "$out" | sed -n 's/.* \([0-9]*\) spikes.*/\1/p')"
done
[ -n "${ng:-}" ] && printf "ratio memspice sim / ngspice (wall): %.3f\n" "$(echo "$ms / $ng" | bc -l)"

echo
t0=$(now); out=$("$root/memspice" mif run --neurons 10000 --duration 10e-3 --step 10e-6 --rate 100); t1=$(now)
echo "batch: $out"
printf "batch of 10,000 neurons x 1,000 steps: %.3f s wall (JVM start included), %d cores\n" "$(echo "$t1 - $t0" | bc -l)" "$(nproc)"
