#!/usr/bin/env bash
# Transient adjoint sensitivities (issue 14): an M x N memristor crossbar with wire resistance
# (bench/gen-sens-crossbar.py) whose .sens card differentiates a cross-entropy over four outputs'
# maxima plus an integral with respect to every device's x0 and every row-wire resistance
# (2*M*N parameters). `memspice sim --sens --stats` reports, per .sens card, the forward transient
# it records and the adjoint pass after it, in-process; the second run squeezes the checkpoint
# memory (memspice.sens.memory) so that the adjoint re-solves most steps from checkpoints.
# usage: bench/sens.sh [M] [N] [REPEAT]        e.g. bench/sens.sh 64 64 3
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
m="${1:-64}"
n="${2:-$m}"
repeat="${3:-2}"
jar="$root/cli/target/memspice.jar"
[ -f "$jar" ] || (cd "$root" && mvn -q -DskipTests package)
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
"$root/memspice" --version > /dev/null   # first run records the class-data-sharing archive
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"
python3 "$root/bench/gen-sens-crossbar.py" "$m" "$n" > "$work/x.cir"
for budget in default 20000000; do
  for ((k = 1; k <= repeat; k++)); do
    opts="-XX:+UseSerialGC -Xss16m"
    [ "$budget" = default ] || opts="$opts -Dmemspice.sens.memory=$budget"
    MEMSPICE_JAVA_OPTS="$opts" /usr/bin/time -f "%e %M" -o "$work/time" "$root/memspice" sim "$work/x.cir" \
      --sens "$work/sens.csv" --stats -o "$work/out.csv" > /dev/null 2> "$work/stats"
    read -r wall rss < "$work/time"
    line=$(grep '^sens ' "$work/stats" | sed 's/^sens [^:]*:[0-9]*: //')
    printf "%dx%d, checkpoint memory %s, run %d: %s; wall %.1f s, peak RSS %d MB\n" "$m" "$n" "$budget" "$k" "$line" \
      "$wall" "$((rss / 1024))"
  done
done
