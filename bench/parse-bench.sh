#!/usr/bin/env bash
# Netlist front end at crossbar scale (issue 15): the passive crossbar netlists of gen-crossbar.sh
# (208x208 is 130,003 lines, the issue's 130,000-line netlist; 256x256 is 196,867) read into logical
# lines, built into a circuit and set up as an MNA system by spice.tools.ParseBench, each in a fresh
# JVM (run 1 is what a `memspice sim` process pays: cold code) and warmed up in the same JVM.
# Prints, per run, wall and main-thread CPU seconds of reading, building and set-up, the bytes
# allocated and the garbage-collection time. The target is read + build under 0.2 s for 130,000 lines.
# usage: bench/parse-bench.sh [SIZES] [FRESH_JVMS] [WARM_REPEATS]     e.g. bench/parse-bench.sh "208 256" 3 8
# On a shared machine compare CPU seconds: wall time also counts the other processes' turns.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sizes="${1:-208 256}"
fresh="${2:-3}"
warm="${3:-8}"
jar="$root/cli/target/memspice.jar"
[ -f "$jar" ] || (cd "$root" && mvn -q -DskipTests package)
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
"$root/memspice" --version > /dev/null   # first run records the class-data-sharing archive
cds=()
[ -f "$root/cli/target/memspice.jsa" ] && cds=(-XX:SharedArchiveFile="$root/cli/target/memspice.jsa" -Xlog:cds=off)
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"
for m in $sizes; do
  net="$work/xbar_passive_$m.cir"
  "$root/bench/gen-crossbar.sh" "$m" "$m" > "$net"
  echo "== ${m}x${m} passive crossbar: $(wc -l < "$net") lines, $(du -k "$net" | cut -f1) kB"
  for ((k = 1; k <= fresh; k++)); do
    printf "fresh JVM %d: " "$k"
    java "${cds[@]}" -XX:+UseSerialGC -cp "$jar" org.memspice.spice.tools.ParseBench "$net" --repeat 1 | sed 's/^run 1: //'
  done
  echo "warmed up (one JVM, $warm runs; the last three):"
  java "${cds[@]}" -XX:+UseSerialGC -cp "$jar" org.memspice.spice.tools.ParseBench "$net" --repeat "$warm" | tail -3
done
