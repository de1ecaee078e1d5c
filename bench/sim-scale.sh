#!/usr/bin/env bash
# The general engine at crossbar scale (issue 15): passive crossbar .op netlists (bench/gen-crossbar.sh)
# through `memspice sim`, and their Jacobian through the sparse LU alone and through SuiteSparse KLU.
#   1. `memspice sim X.cir --stats`, REPEAT times: whole-process wall and CPU seconds (user+sys, all
#      JVM threads), peak resident memory, and the L+U entries --stats reports, with its phases
#      (wall / main-thread CPU / MB allocated) and peak memory;
#   2. FactorBench (in-process): the first factorization (pairing, ordering, symbolic analysis,
#      numeric) and a refactorization, wall and CPU seconds (all the process's threads: a factorization
#      of 1e8 flops or more is shared among the processors), L+U and flops, for minimum degree,
#      nested dissection and the automatic choice;
#   3. where libklu is installed (apt-get install -y libsuitesparse-dev), bench/klu-bench.c on the
#      same matrix (Matrix Market, exported by FactorBench), and the ratios memspice/KLU in CPU time
#      and in wall time (KLU runs on one thread).
#   Before each size's runs and after them, bench/fresh-memory.c prints how long first touching
#   1 GiB of fresh memory took: a large netlist touches gigabytes of heap for the first time, and
#   on a virtual machine that cost alone moves its wall time by seconds.
# usage: bench/sim-scale.sh [SIZES] [REPEAT]       e.g. bench/sim-scale.sh "256 1024" 3
# On a shared machine compare CPU seconds: wall time also counts the other processes' turns.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sizes="${1:-256 1024}"
repeat="${2:-3}"
jar="$root/cli/target/memspice.jar"
[ -f "$jar" ] || (cd "$root" && mvn -q -DskipTests package)
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
"$root/memspice" --version > /dev/null   # first run records the class-data-sharing archive
klu=""
if [ -f /usr/include/suitesparse/klu.h ] && cc -O2 -o "$work/klu-bench" "$root/bench/klu-bench.c" \
    -I/usr/include/suitesparse -lklu -lamd -lcolamd -lbtf -lsuitesparseconfig -lm 2> "$work/cc.log"; then
  klu="$work/klu-bench"
else
  echo "KLU not available (needs libsuitesparse-dev): the KLU comparison is skipped"
fi
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"
# how fast the machine hands out fresh memory, before each size's runs and after the last: a
# large netlist first-touches gigabytes of heap, and on a virtual machine that cost varies by
# tenfold from minute to minute (bench/fresh-memory.c)
fresh=""
if cc -O2 -o "$work/fresh-memory" "$root/bench/fresh-memory.c" 2>> "$work/cc.log"; then
  fresh="$work/fresh-memory"
fi
for m in $sizes; do
  net="$work/xbar_passive_$m.cir"
  "$root/bench/gen-crossbar.sh" "$m" "$m" > "$net"
  echo "== ${m}x${m} passive crossbar .op"
  [ -n "$fresh" ] && "$fresh" 1024
  for ((k = 1; k <= repeat; k++)); do
    /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$root/memspice" sim "$net" --stats -o "$work/out.csv" \
      > /dev/null 2> "$work/stats"
    read -r wall user sys rss < "$work/time"
    lu=$(sed -n 's/.*, \([0-9]*\) in L+U[;( ].*/\1/p' "$work/stats" | head -1)
    inproc=$(sed -n 's/.*in-process total \([0-9.]*\) s.*/\1/p' "$work/stats")
    printf "sim run %d: wall %6.2f s  cpu %6.2f s  peak RSS %5d MB  L+U %s  in-process %s s\n" \
      "$k" "$wall" "$(echo "$user + $sys" | bc -l)" "$((rss / 1024))" "$lu" "$inproc"
    grep -E '^(phases|memory)' "$work/stats" | sed 's/^/    /' || true
  done
  [ -n "$fresh" ] && "$fresh" 1024
  export_args=()
  [ -n "$klu" ] && export_args=(--export "$work/a$m")
  java -XX:+UseSerialGC -cp "$jar" org.memspice.spice.tools.FactorBench "$net" --ordering all \
    --repeat "$repeat" "${export_args[@]}" | tee "$work/factor$m"
  if [ -n "$klu" ]; then
    "$klu" "$work/a$m.mtx" "$work/a${m}_b.mtx" "$repeat" | tee "$work/klu$m"
    read -r ka kf kr < <(sed -n 's/klu best (cpu): analyze \([0-9.]*\) s, factor \([0-9.]*\) s, refactor \([0-9.]*\) s/\1 \2 \3/p' "$work/klu$m")
    for kind in cpu wall; do
      if [ $kind = cpu ]; then
        first='s/.*first factorization [0-9.]* s wall \([0-9.]*\) s cpu.*/\1/p'
        again='s/.*refactorization [0-9.]* s wall \([0-9.]*\) s cpu.*/\1/p'
      else
        first='s/.*first factorization \([0-9.]*\) s wall.*/\1/p'
        again='s/.*refactorization \([0-9.]*\) s wall.*/\1/p'
      fi
      ms=$(grep '^AUTO' "$work/factor$m" | sed -n "$first" | sort -g | head -1)
      msr=$(grep '^AUTO' "$work/factor$m" | sed -n "$again" | sort -g | head -1)
      printf "ratio memspice/KLU (best, memspice %s against KLU CPU): first factorization incl. analysis %.3f / %.3f = %.2f; refactorization %.3f / %.3f = %.2f\n" \
        "$kind" "$ms" "$(echo "$ka + $kf" | bc -l)" "$(echo "$ms / ($ka + $kf)" | bc -l)" "$msr" "$kr" "$(echo "$msr / $kr" | bc -l)"
    done
  fi
done
