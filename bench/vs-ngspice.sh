#!/usr/bin/env bash
# Runs memspice and ngspice on the same netlists in one run and prints wall-clock ratios
# memspice/ngspice (whole process, JVM start included) and memspice's in-process time.
# Netlists: rc_ladder2000 and xbar_passive_64 from shared/reference, and a generated 128x128
# passive crossbar. Each is run REPEAT times (default 3) per simulator and the median reported,
# except ngspice on the 128x128 crossbar, which takes minutes and runs once.
# usage: bench/vs-ngspice.sh [REPEAT]      (needs ngspice on PATH: apt-get install -y ngspice)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ref="${MEMSPICE_REFERENCE:-$root/../shared/reference}"
repeat="${1:-3}"
command -v ngspice >/dev/null || { echo "ngspice not found: apt-get install -y ngspice" >&2; exit 2; }
[ -f "$root/cli/target/memspice.jar" ] || (cd "$root" && mvn -q -DskipTests package)
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
# ngspice -b runs a transient only when something asks for output: both simulators print the
# same two vectors of the ladder; the crossbars' .op runs and reports every node in both
sed 's/^\.end$/.print tran v(n1000) v(n2000)\n.end/' "$ref/rc_ladder2000.cir" > "$work/rc_ladder2000.cir"
cp "$ref/xbar_passive_64.cir" "$work/"
"$root/bench/gen-crossbar.sh" 128 128 > "$work/xbar_passive_128.cir"
"$root/memspice" --version > /dev/null   # first run records the class-data-sharing archive

now() { date +%s.%N; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

printf "%-20s %12s %12s %10s %14s %10s\n" netlist "ngspice s" "memspice s" "ratio" "in-process s" "ratio"
for name in rc_ladder2000 xbar_passive_64 xbar_passive_128; do
  net="$work/$name.cir"
  ng=(); ms=(); inproc=()
  for ((k = 0; k < repeat; k++)); do
    if [ "$name" != xbar_passive_128 ] || [ "$k" -eq 0 ]; then
      t0=$(now); (cd "$work" && timeout 900 ngspice -b "$net" > "$work/ng.log" 2>&1); t1=$(now)
      ng+=("$(echo "$t1 - $t0" | bc -l)")
    fi
    t0=$(now); "$root/memspice" sim "$net" --stats > "$work/ms.out" 2> "$work/ms.log"; t1=$(now)
    ms+=("$(echo "$t1 - $t0" | bc -l)")
    inproc+=("$(sed -n 's/.*in-process total \([0-9.]*\) s.*/\1/p' "$work/ms.log")")
  done
  ngm=$(printf "%s\n" "${ng[@]}" | median)
  msm=$(printf "%s\n" "${ms[@]}" | median)
  ipm=$(printf "%s\n" "${inproc[@]}" | median)
  printf "%-20s %12.3f %12.3f %10.3f %14.3f %10.4f\n" "$name" "$ngm" "$msm" "$(echo "$msm / $ngm" | bc -l)" \
    "$ipm" "$(echo "$ipm / $ngm" | bc -l)"
done
echo "(ratio = memspice / ngspice: below 1 means memspice is faster; $repeat runs each, median; $(nproc) cores)"
