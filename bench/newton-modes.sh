#!/usr/bin/env bash
# Modified against chord and full Newton (issue 15) on the memristor crossbar transient of
# bench/gen-memristor-crossbar.sh: the same netlist with `.options newton=modified` (the default:
# chord steps, GMRES on the factors at hand where a chord step does not contract and a
# factorization is costly), `newton=chord` (a refactorization instead of GMRES) and `newton=full`,
# run alternately in one session, REPEAT times each. Prints per run the Newton iterations, chord
# steps, GMRES Newton steps and iterations, LU factorizations (full + refactorizations), the analysis's
# main-thread CPU seconds from --stats and the process's user+sys CPU seconds; on a shared
# machine compare CPU seconds.
# usage: bench/newton-modes.sh [M] [TSTOP] [behavioural|native] [REPEAT]     default 32 1m behavioural 2
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
m="${1:-32}"; tstop="${2:-1m}"; kind="${3:-behavioural}"; repeat="${4:-2}"
[ -f "$root/cli/target/memspice.jar" ] || (cd "$root" && mvn -q -DskipTests package)
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
"$root/bench/gen-memristor-crossbar.sh" "$m" "$m" "$kind" "$tstop" > "$work/base.cir"
for mode in modified chord full; do
  sed "s/^\.tran/.options newton=$mode\n.tran/" "$work/base.cir" > "$work/$mode.cir"
done
"$root/memspice" --version > /dev/null   # first run records the class-data-sharing archive
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); ${m}x${m} $kind cells, .tran 5u $tstop"
for ((k = 0; k < repeat; k++)); do
  for mode in modified chord full; do
    /usr/bin/time -f "%U %S" -o "$work/time" "$root/memspice" sim "$work/$mode.cir" -o "$work/out.csv" --stats --quiet \
      > "$work/out" 2> "$work/err" || { cat "$work/err" >&2; exit 3; }
    read -r user sys < "$work/time"
    stats=$(cat "$work/out" "$work/err")
    iters=$(grep -o '[0-9]* Newton iterations' <<< "$stats" | cut -d' ' -f1)
    chords=$(grep -o '[0-9]* with reused factors' <<< "$stats" | cut -d' ' -f1)
    full=$(grep -o '[0-9]* full LU factorizations' <<< "$stats" | cut -d' ' -f1)
    refac=$(grep -o '[0-9]* refactorizations' <<< "$stats" | cut -d' ' -f1)
    gsteps=$(grep -o '[0-9]* Newton steps by GMRES' <<< "$stats" | cut -d' ' -f1 || true); gsteps=${gsteps:-0}
    giters=$(grep -o 'GMRES on earlier factors ([0-9]* iterations' <<< "$stats" | grep -o '[0-9]*' || true); giters=${giters:-0}
    analysis=$(grep -o 'analyses [0-9.]* / [0-9.]*' <<< "$stats" | awk '{print $4}')
    printf "%-8s newton iterations %6d (chord %6d, gmres %6d in %6d iterations)  factorizations %6d  analysis cpu %7.2f s  process cpu %7.2f s\n" \
      "$mode" "$iters" "$chords" "$gsteps" "$giters" "$((full + refac))" "$analysis" "$(echo "$user + $sys" | bc -l)"
  done
done
