#!/usr/bin/env bash
# The behavioural-expression benchmark of issue 15: a transient of an MxM Yakopcic memristor
# crossbar (bench/gen-memristor-crossbar.sh) with behavioural-source cells, the same netlist in
# memspice and ngspice, and with memspice's native YMEMRISTOR cells. Prints each run's wall and
# CPU seconds (user+sys of the whole process; on a shared machine compare CPU seconds) and the
# ratios memspice/ngspice. ngspice runs once (it takes many minutes), memspice REPEAT times (median).
# usage: bench/memristor-vs-ngspice.sh [M] [TSTOP] [REPEAT]     default 64 2m 3
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
m="${1:-64}"; tstop="${2:-2m}"; repeat="${3:-3}"
command -v ngspice >/dev/null || { echo "ngspice not found: apt-get install -y ngspice" >&2; exit 2; }
[ -f "$root/cli/target/memspice.jar" ] || (cd "$root" && mvn -q -DskipTests package)
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
"$root/bench/gen-memristor-crossbar.sh" "$m" "$m" behavioural "$tstop" > "$work/behavioural.cir"
"$root/bench/gen-memristor-crossbar.sh" "$m" "$m" native "$tstop" > "$work/native.cir"
"$root/memspice" --version > /dev/null   # first run records the class-data-sharing archive
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); ${m}x${m} cells, .tran 5u $tstop"
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
run() { # label, command...: prints "wall cpu"
  /usr/bin/time -f "%e %U %S" -o "$work/time" "$@" > "$work/out" 2> "$work/err" || { cat "$work/err" >&2; exit 3; }
  read -r wall user sys < "$work/time"; echo "$wall $(echo "$user + $sys" | bc -l)"
}
declare -A wall cpu
for kind in behavioural native; do
  ws=(); cs=()
  for ((k = 0; k < repeat; k++)); do
    read -r w c < <(run "$root/memspice" sim "$work/$kind.cir" -o "$work/$kind.csv" --quiet)
    ws+=("$w"); cs+=("$c")
  done
  wall[$kind]=$(printf "%s\n" "${ws[@]}" | median); cpu[$kind]=$(printf "%s\n" "${cs[@]}" | median)
  printf "memspice, %-12s cells: wall %8.2f s  cpu %8.2f s  (median of %d)\n" "$kind" "${wall[$kind]}" "${cpu[$kind]}" "$repeat"
done
read -r ngw ngc < <(cd "$work" && run ngspice -b behavioural.cir)
printf "ngspice,  behavioural  cells: wall %8.2f s  cpu %8.2f s\n" "$ngw" "$ngc"
for kind in behavioural native; do
  printf "ngspice / memspice (%s): wall %.1fx, cpu %.1fx\n" "$kind" "$(echo "$ngw / ${wall[$kind]}" | bc -l)" \
    "$(echo "$ngc / ${cpu[$kind]}" | bc -l)"
done
