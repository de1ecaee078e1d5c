#!/usr/bin/env bash
# Issue 15's small targets in one alternating run: `./memspice --version` against the JVM's own
# start (`java -version`), and the rc_ladder2000 reference deck (with the .print that makes ngspice
# run its transient) through ngspice and memspice, whole process each; then the same ladder at
# 100,000 time points (.tran 10n 1m) through `sim --stats`, whose analysis CPU shows the per-point
# cost without the start-up. Prints one line per run (milliseconds) and the analysis phase.
# usage: bench/startup-ladder.sh [VERSION_RUNS] [LADDER_RUNS]     default 10 7
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ref="${MEMSPICE_REFERENCE:-$root/../shared/reference}"
vruns="${1:-10}"; lruns="${2:-7}"
[ -f "$root/cli/target/memspice.jar" ] || (cd "$root" && mvn -q -DskipTests package)
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
"$root/memspice" --version > /dev/null   # first run records the class-data-sharing archive
ms() { local s e; s=$(date +%s%N); "$@" > /dev/null 2>&1; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
for ((k = 0; k < vruns; k++)); do
  echo "version_ms $(ms "$root/memspice" --version) java_version_ms $(ms java -XX:+UseSerialGC -version)"
done
sed 's/^\.end$/.print tran v(n1000) v(n2000)\n.end/' "$ref/rc_ladder2000.cir" > "$work/rcl.cir"
if command -v ngspice > /dev/null; then
  for ((k = 0; k < lruns; k++)); do
    echo "ladder ngspice_ms $(cd "$work" && ms ngspice -b rcl.cir) memspice_ms $(ms "$root/memspice" sim "$work/rcl.cir" -o "$work/rcl.csv")"
  done
else
  echo "ngspice not found (apt-get install -y ngspice): the ladder comparison is skipped"
fi
sed 's/^\.tran 10n 20u$/.tran 10n 1m/' "$work/rcl.cir" > "$work/rcl-long.cir"
"$root/memspice" sim "$work/rcl-long.cir" -o "$work/long.csv" --stats 2>&1 | grep -oE '[0-9]+ points accepted|analyses [0-9.]+ / [0-9.]+' \
  | tr '\n' ' '
echo "(analyses: wall / main-thread CPU seconds)"
