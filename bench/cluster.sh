#!/usr/bin/env bash
# Points per second of a DSE sweep on 1, 2 and 3 Hazelcast members on this machine (issue 17),
# beside the local thread pool with 1 and 2 threads. Every member is its own JVM on loopback
# (`memspice worker` for all but the launching `memspice dse run --members ...`), each with
# THREADS threads (default 1), so k members run k points at once. The sweep: a 784-64-10 MLP on
# MNIST (trained by the script when missing: one epoch), linear 1T1R tiles of 64x64 and 128x128
# with exact IR drop, base + 3 stuck-at + 2 device-variation levels, 3 seeds: 36 points of
# IMAGES test images (default 200) each. Times are the sweep's own "(X s)" of `dse run` (from the
# first point sent to the last stored: JVM and member start, data loading and the report
# excluded). "CPU s" is the user+system time of every process of the run (launcher and workers,
# whole processes: JVM start, data loading and the report included), a measure the other jobs on
# a shared machine do not move. Every run's results.csv is compared with the local 1-thread run's.
# "load" is the 1-minute load average when the run ended: on a shared machine the other jobs set
# the wall-clock figures; ROUNDS=2 repeats the five runs in the same order.
# usage: bench/cluster.sh        env: THREADS=1 IMAGES=200 ROUNDS=1 PORT=5811 NET=nets/mnist-mlp-64 MEMSPICE_DATA=...
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
data="${MEMSPICE_DATA:-$root/../shared/datasets}"
net="${NET:-nets/mnist-mlp-64}"
threads="${THREADS:-1}"
images="${IMAGES:-200}"
port="${PORT:-5811}"
mvn -q -DskipTests package
java_ms=(java -Xmx1g -XX:+UseSerialGC -jar "$root/cli/target/memspice.jar")
ms() { "${java_ms[@]}" "$@"; }
if [ ! -f "$net/network.txt" ]; then
  ms dse train-reference --dataset mnist --layers 784,64,10 --epochs 1 -o "$net" --data "$data" --quiet | tail -1
fi
work="$(mktemp -d)"
pids=()
stop_workers() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  pids=()
}
trap 'stop_workers; rm -rf "$work"' EXIT
export MEMSPICE_CLUSTER_SECRET="${MEMSPICE_CLUSTER_SECRET:-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')}"
cat > "$work/sweep.yaml" <<YAML
network: $root/$net
dataset: mnist
data: $data
images: $images
seeds: [1, 2, 3]
base: {cells: 1t1r, adc_bits: 8, calibration_images: 50}
grid: {tile: [64x64, 128x128]}
each: {stuck_at: [0.02, 0.05, 0.1], device_variation: [0.05, 0.1]}
YAML
seconds() { sed -n 's/.*report .* (\([0-9.]*\) s)$/\1/p' <<< "$1"; }
computed() { sed -n 's/^\([0-9]*\) points computed now.*/\1/p' <<< "$1"; }
echo "$(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg) at the start; $images images per point, $threads thread(s) per member"
printf '%-22s %7s %7s %6s %8s %8s %7s %5s  %s\n' "run" "members" "threads" "points" "sweep s" "points/s" "CPU s" "load" "results.csv"
row() { # label members threads output-dir output cpu-seconds
  local s n same
  s=$(seconds "$5"); n=$(computed "$5")
  if cmp -s "$work/local-1-1/results.csv" "$4/results.csv"; then same="same as local 1 thread"; else same="DIFFERENT"; fi
  printf '%-22s %7s %7s %6s %8.2f %8.3f %7.1f %5s  %s\n' "$1" "$2" "$3" "$n" "$s" "$(echo "$n / $s" | bc -l)" "$6" \
    "$(cut -d' ' -f1 /proc/loadavg)" "$same"
}
tick=$(getconf CLK_TCK)
# user+system seconds of a running process
cpu_of() { awk -v t="$tick" '{ print ($14 + $15) / t }' "/proc/$1/stat"; }
# runs memspice, its output in $o and its user+system seconds in $cpu
timed() {
  o=$(/usr/bin/time -f '%U %S' -o "$work/time" "${java_ms[@]}" "$@")
  cpu=$(awk '{ print $1 + $2 }' "$work/time")
}
for ((r = 1; r <= ${ROUNDS:-1}; r++)); do
  for t in 1 2; do
    timed dse run --config "$work/sweep.yaml" -o "$work/local-$t-$r" --threads "$t" --quiet
    row "local thread pool" "-" "$t" "$work/local-$t-$r" "$o" "$cpu"
  done
  for k in 1 2 3; do
    list=""
    for ((m = 0; m < k; m++)); do list="$list${list:+,}127.0.0.1:$((port + m))"; done
    for ((m = 1; m < k; m++)); do
      # java itself in the background (not a shell function), so that $! is the JVM that kill stops
      "${java_ms[@]}" worker --members "$list" --port $((port + m)) --threads "$threads" > "$work/worker-$k-$m.out" 2>&1 &
      pids+=($!)
    done
    for ((m = 1; m < k; m++)); do
      for ((w = 0; w < 600; w++)); do grep -q "^worker " "$work/worker-$k-$m.out" && break; sleep 0.2; done
      grep -q "^worker " "$work/worker-$k-$m.out" || { cat "$work/worker-$k-$m.out"; exit 1; }
    done
    timed dse run --config "$work/sweep.yaml" -o "$work/cluster-$k-$r" --members "$list" --port "$port" --threads "$threads" \
      --quiet 2> "$work/launcher-$k.err" || { cat "$work/launcher-$k.err"; exit 1; }
    for p in "${pids[@]}"; do cpu=$(echo "$cpu + $(cpu_of "$p")" | bc -l); done
    row "cluster (Hazelcast)" "$k" "$((k * threads))" "$work/cluster-$k-$r" "$o" "$cpu"
    stop_workers
  done
done
echo "load $(cut -d' ' -f1-3 /proc/loadavg) at the end"
