#!/usr/bin/env bash
# The results of issue 16 (BENCHMARKS.md, "CBRAM stochastic computing"): stream statistics, then
# accuracy against stream length for an MLP and the small CNN on MNIST with weight updates from
# CBRAM bit streams (device variation 0.1, calibrated) against floating-point updates, the CNN
# at L = 2, one uncalibrated run, the MLP at variation 0 and 0.2 (calibrated or not), and the MLP on Fashion-MNIST at two lengths.
# usage: bench/sc.sh [OUT]   (default bench-sc-out; MNIST from $MEMSPICE_DATA or ../shared/datasets,
#        Fashion-MNIST from $FASHION_DATA or /usr/share/datasets: the official copy, see rram-dse/README.md)
# JAR=path runs an already built memspice.jar instead of building; THREADS (default 2);
# PARTS (default "streams mlp cnn cnn-l2 uncalibrated variation fashion") runs only the parts named, e.g. two halves
# in two shells.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
out="${1:-bench-sc-out}"
mnist="${MEMSPICE_DATA:-$root/../shared/datasets}"
fashion="${FASHION_DATA:-/usr/share/datasets}"
threads="${THREADS:-2}"
if [ -z "${JAR:-}" ]; then
  mvn -q -DskipTests package
  JAR=cli/target/memspice.jar
fi
ms() { echo "+ memspice $*" >&2; /usr/bin/time -f "wall %e s" java -Xmx3g -jar "$JAR" "$@"; }
parts="${PARTS:-streams mlp cnn cnn-l2 uncalibrated variation fashion}"
part() { [[ " $parts " == *" $1 "* ]]; }
mkdir -p "$out"
echo "$(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg), $(date -u)"
part streams && ms sc streams --devices 64 --repeats 20 --stream-length 256 --variation 0.1 -o "$out/streams"
part mlp && ms sc sweep --dataset mnist --data "$mnist" --model mlp --hidden 100 --epochs 3 --lengths 1,2,4,8,16,32,64,128,256,512,1024 \
  --variations 0.1 --threads "$threads" --quiet -o "$out/mlp-mnist"
part cnn && ms sc sweep --dataset mnist --data "$mnist" --model cnn --epochs 1 --lengths 1,4,16,64,1024 \
  --variations 0.1 --threads "$threads" --quiet -o "$out/cnn-mnist"
part cnn-l2 && ms sc train --dataset mnist --data "$mnist" --model cnn --epochs 1 --stream-length 2 --variation 0.1 \
  --threads "$threads" --quiet -o "$out/cnn-mnist-l2" | tee "$out/cnn-mnist-l2.txt" | tail -1
part uncalibrated && ms sc train --dataset mnist --data "$mnist" --model mlp --hidden 100 --epochs 3 --stream-length 64 --variation 0.1 \
  --no-calibration --threads "$threads" --quiet -o "$out/mlp-mnist-uncalibrated" | tee "$out/mlp-mnist-uncalibrated.txt" | tail -1
part variation && ms sc sweep --dataset mnist --data "$mnist" --model mlp --hidden 100 --epochs 3 --lengths 2,16,128 \
  --variations 0,0.2 --threads "$threads" --quiet -o "$out/mlp-mnist-variation"
part variation && ms sc sweep --dataset mnist --data "$mnist" --model mlp --hidden 100 --epochs 3 --lengths 2,16,128 \
  --variations 0.2 --no-calibration --threads "$threads" --quiet -o "$out/mlp-mnist-uncalibrated-sweep"
part fashion && ms sc sweep --dataset fashion --data "$fashion" --model mlp --hidden 100 --epochs 3 --lengths 16,256 \
  --variations 0.1 --threads "$threads" --quiet -o "$out/mlp-fashion"
true
