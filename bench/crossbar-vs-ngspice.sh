#!/usr/bin/env bash
# Reads of passive crossbars with wire resistance: memspice's structured solver (`memspice crossbar`,
# whole process) against ngspice's .op of the very same array (the netlist memspice writes with
# --netlist), in one run. ngspice runs on the sizes it finishes in reasonable time (64, 128);
# memspice also runs 256x256 and 1024x1024. Prints wall times and ratios (medians of REPEAT runs,
# ngspice on 128x128 once).   usage: bench/crossbar-vs-ngspice.sh [REPEAT]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
repeat="${1:-3}"
[ -f "$root/cli/target/memspice.jar" ] || (cd "$root" && mvn -q -DskipTests package)
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
"$root/memspice" --version > /dev/null   # first run records the class-data-sharing archive
now() { date +%s.%N; }
# peak resident memory (MB) of a command, when GNU time is installed (apt-get install -y time)
timed() { rm -f "$work/rss"; if [ -x /usr/bin/time ]; then /usr/bin/time -f %M -o "$work/rss" "$@"; else "$@"; fi; }
peak() { if [ -f "$work/rss" ]; then awk '{ printf "%.0f", $1 / 1024 }' "$work/rss"; else printf -- "-"; fi; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
printf "%-10s %12s %12s %10s %14s %8s %10s %10s\n" size "ngspice s" "memspice s" "ratio" "in-process s" "CG it" "ms MB" "ng MB"
for n in 64 128 256 1024; do
  ms=(); ip=(); ng=(); ngmem="-"
  # the netlist for ngspice is written by a separate, untimed run (same seed, same array)
  "$root/memspice" crossbar --rows "$n" --cols "$n" --netlist "$work/x$n.cir"
  for ((k = 0; k < repeat; k++)); do
    t0=$(now); timed "$root/memspice" crossbar --rows "$n" --cols "$n" --stats 2> "$work/ms.log"; t1=$(now); msmem=$(peak)
    ms+=("$(echo "$t1 - $t0" | bc -l)")
    ip+=("$(sed -n 's/.*in-process \([0-9.]*\) s.*/\1/p' "$work/ms.log")")
    it=$(sed -n 's/.* \([0-9]*\) CG iterations.*/\1/p' "$work/ms.log")
    if { [ "$n" -eq 64 ] || { [ "$n" -eq 128 ] && [ "$k" -eq 0 ]; }; } && command -v ngspice > /dev/null; then
      t0=$(now); (cd "$work" && timed timeout 900 ngspice -b "x$n.cir" > "$work/ng.log" 2>&1); t1=$(now); ngmem=$(peak)
      ng+=("$(echo "$t1 - $t0" | bc -l)")
    fi
  done
  msm=$(printf "%s\n" "${ms[@]}" | median); ipm=$(printf "%s\n" "${ip[@]}" | median)
  if [ "${#ng[@]}" -gt 0 ]; then
    ngm=$(printf "%s\n" "${ng[@]}" | median)
    printf "%-10s %12.3f %12.3f %10.4f %14.3f %8s %10s %10s\n" "${n}x$n" "$ngm" "$msm" "$(echo "$msm / $ngm" | bc -l)" "$ipm" "$it" "$msmem" "$ngmem"
  else
    printf "%-10s %12s %12.3f %10s %14.3f %8s %10s %10s\n" "${n}x$n" "-" "$msm" "-" "$ipm" "$it" "$msmem" "-"
  fi
done
echo "(ratio = memspice / ngspice, whole process; MB = peak resident memory of the last run; $(nproc) cores)"
