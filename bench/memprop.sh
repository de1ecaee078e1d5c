#!/usr/bin/env bash
# Times training of the default 784-100-10 SPICEprop network (100 steps of 0.1 ms): forward and
# forward+backward samples/s on 1 and 2 threads, against the textbook per-sample formulation of
# the same BPTT in the same run (ratio), the projected epoch time and the peak heap; then where
# the time goes (JDK flight recorder samples of a training run, by the code they fell in).
# usage: bench/memprop.sh [SAMPLES] [STRAIGHTFORWARD_SAMPLES]     (default 2000 100)
# Data: MEMSPICE_DATA (default ../shared/datasets).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${MEMSPICE_DATA:-$root/../shared/datasets}"
cd "$root"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
mvn -q -DskipTests package
mvn -q -pl memprop test-compile
mvn -q -pl memprop dependency:build-classpath -Dmdep.outputFile="$work/cp.txt"
cp="$root/memprop/target/test-classes:$root/memprop/target/classes:$(cat "$work/cp.txt")"
java -cp "$cp" -Xlog:jfr+startup=error -XX:StartFlightRecording=filename="$work/p.jfr",settings=profile org.memspice.memprop.MempropBench "$data" "${1:-2000}" "${2:-100}" 2> /dev/null
echo
echo "where the time goes (flight-recorder samples over the whole bench, by top frame):"
jfr print --events jdk.ExecutionSample "$work/p.jfr" | awk '
  /stackTrace = \[/ { getline; f = $1
    if (f ~ /VolatileThresholdSwitch|MifDynamics/) c = "memristor equations (MIF neurons)"
    else if (f ~ /MifNeuronBatch|Small3/) c = "trapezoidal Newton steps (MIF neurons)"
    else if (f ~ /MifTape/) c = "backward: tape vector-Jacobian products"
    else if (f ~ /ejml/) c = "synaptic products (EJML)"
    else if (f ~ /StraightforwardBptt/) c = "straightforward formulation"
    else if (f ~ /memprop/) c = "network bookkeeping (memprop)"
    else c = "other (JVM, data loading)"
    n[c]++; total++ }
  END { for (c in n) printf "  %5.1f %%  %s\n", 100 * n[c] / total, c }' | sort -rn
