#!/usr/bin/env bash
# The speed figure of issue 12: exact IR-drop inference of the 10,000 Fashion-MNIST test images
# through a 784-256-10 MLP on 128x128 1T1R tiles with linear cells (1 ohm per segment, every tile's
# transfer matrix solved exactly), beside the same inference with ideal lines, and against the
# straightforward formulations in the same run, each on a subset and extrapolated to 10,000 images
# (its tile set-up time plus its inference time per image times 10,000): the crossbar solver read
# by read (tile_solver=iterative, Newton-Krylov as CrossSim relaxes, but to a tolerance instead of
# an iteration cap) and MemTorch's formulation (tile_solver=lu: each tile's whole 2·M·N-node
# nodal system factorized once by the sparse LU, one forward and back substitution per read; in
# double precision where MemTorch uses float32). Then nonlinear cells (1T1R with the Stanford-PKU
# memristor, Newton-Krylov per read) in images/s on a subset.
# usage: bench/dse.sh [NETDIR] [DATA]   (default nets/fashion-mlp, trained first when missing;
#        data: $MEMSPICE_DATA, which must hold an intact fashion-mnist/: see rram-dse/README.md)
# Every run is a separate JVM of `memspice dse infer`; times are the command's own "time:" line
# (tiles, calibration and inference; data loading and JVM start excluded).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
net="${1:-nets/fashion-mlp}"
data="${2:-${MEMSPICE_DATA:-$root/../shared/datasets}}"
threads="${THREADS:-2}"
mvn -q -DskipTests package
ms() { java -Xmx3g -jar cli/target/memspice.jar "$@"; }
if [ ! -f "$net/network.txt" ]; then
  ms dse train-reference --dataset fashion --layers 784,256,10 --epochs 10 -o "$net" --data "$data" --quiet | tail -1
fi
infer() { ms dse infer --network "$net" --dataset fashion --data "$data" --tile 128x128 --threads "$threads" --quiet "$@"; }
total() { sed -n 's/^time: .* total \([0-9.]*\) s$/\1/p' <<< "$1"; }
setup() { sed -n 's/^time: tiles and calibration \([0-9.]*\) s.*/\1/p' <<< "$1"; }
inference() { sed -n 's/^time: .*, inference \([0-9.]*\) s,.*/\1/p' <<< "$1"; }
# seconds the run would take on 10,000 images: set-up + inference per image x 10,000
at10k() { echo "$(setup "$1") + $(inference "$1") * 10000 / $2" | bc -l; }
acc() { tail -1 <<< "$1" | sed 's/, [0-9.]* images\/s$//'; }
exact=$(infer --cells 1t1r)
ideal=$(infer --cells 1t1r --ideal-lines)
sub=${SUBSET:-20}
iter=$(infer --cells 1t1r --set tile_solver=iterative --limit "$sub")
lusub=${LU_SUBSET:-100}
lu=$(infer --cells 1t1r --set tile_solver=lu --limit "$lusub")
nonlin=$(infer --cells 1t1r:stanford_pku --limit "${NONLINEAR_SUBSET:-4}")
te=$(total "$exact"); ti=$(total "$ideal"); tt=$(total "$iter"); tl=$(total "$lu"); tn=$(total "$nonlin")
xt=$(at10k "$iter" "$sub"); xl=$(at10k "$lu" "$lusub")
echo "784-256-10 MLP, Fashion-MNIST, 128x128 tiles, $threads threads ($(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg))"
printf '%-58s %10s %12s  %s\n' "run" "seconds" "images/s" "accuracy"
printf '%-58s %10.2f %12.1f  %s\n' "exact IR drop, transfer matrices, 10,000 images" "$te" "$(echo "10000/$te" | bc -l)" "$(acc "$exact")"
printf '%-58s %10.2f %12.1f  %s\n' "ideal lines, 10,000 images" "$ti" "$(echo "10000/$ti" | bc -l)" "$(acc "$ideal")"
printf '%-58s %10.2f %12.2f  %s\n' "crossbar solver per read, $sub images" "$tt" "$(echo "$sub/$tt" | bc -l)" "$(acc "$iter")"
printf '%-58s %10.2f %12.2f  %s\n' "MemTorch-style nodal LU per tile, $lusub images" "$tl" "$(echo "$lusub/$tl" | bc -l)" "$(acc "$lu")"
printf '%-58s %10.2f %12.2f  %s\n' "nonlinear 1t1r:stanford_pku, solver per read, ${NONLINEAR_SUBSET:-4} images" "$tn" \
  "$(echo "${NONLINEAR_SUBSET:-4}/$tn" | bc -l)" "$(acc "$nonlin")"
printf 'extrapolated to 10,000 images: solver per read %.0f s (%.1fx the exact run), nodal LU %.0f s (%.1fx the exact run)\n' \
  "$xt" "$(echo "$xt/$te" | bc -l)" "$xl" "$(echo "$xl/$te" | bc -l)"
echo "exact IR drop against ideal lines: $(echo "$te/$ti" | bc -l | xargs printf '%.2f')x the time"
grep -E "^tiles programmed|^energy per inference|^time:" <<< "$exact" | sed 's/^/exact run: /'
grep -E "^tiles programmed|^time:" <<< "$lu" | sed 's/^/nodal LU run: /'
grep -E "^time:" <<< "$iter" | sed 's/^/solver run: /'
