#!/usr/bin/env python3
"""A memristor crossbar for the transient-adjoint bench (issue 14): M x N Yakopcic devices between
row and column wires with a resistance per wire segment; rows driven by pulses (some above the
switching threshold), columns sensed by a resistor and a capacitor to ground. The .sens card
differentiates a cross-entropy over four outputs' maxima plus an output's integral with respect to
every device's x0 and every row-wire segment's resistance (2*M*N parameters).
usage: bench/gen-sens-crossbar.py M N > net.cir"""
import sys

m = int(sys.argv[1]) if len(sys.argv) > 1 else 64
n = int(sys.argv[2]) if len(sys.argv) > 2 else m
out = [f"* {m}x{n} memristor crossbar with wire resistance, transient sensitivities of {2 * m * n} parameters"]
for i in range(m):
    amp = 0.9 if i % 4 == 0 else 0.3
    out.append(f"V{i} s{i} 0 PULSE(0 {amp} {2 + (i % 8)}u 1u 1u 20u 100u)")
    out.append(f"Rr{i}_0 s{i} r{i}_0 50")
    for j in range(1, n):
        out.append(f"Rr{i}_{j} r{i}_{j - 1} r{i}_{j} 2")
for j in range(n):
    for i in range(1, m):
        out.append(f"Rc{i}_{j} c{i - 1}_{j} c{i}_{j} 2")
    out.append(f"Rs{j} c{m - 1}_{j} o{j} 10")
    out.append(f"Ro{j} o{j} 0 100")
    out.append(f"Co{j} o{j} 0 1n")
for i in range(m):
    for j in range(n):
        x0 = 0.1 + 0.8 * (((i * 31 + j * 17) % 97) / 96.0)
        out.append(f"YMEMRISTOR y{i}_{j} r{i}_{j} c{i}_{j} yk x0={x0:.4f}")
out.append(".model yk MEMRISTOR (model=yakopcic a1=1e-3 a2=1e-3 b=1 vp=0.5 vn=0.5 ap=2e4 an=2e4)")
out.append(".tran 1u 60u")
out.append(".options reltol=1e-4")
obj = ("{-log(exp(50*max(v(o0)))/(exp(50*max(v(o0)))+exp(50*max(v(o1)))+exp(50*max(v(o2)))+exp(50*max(v(o3)))))"
       f" + 1e4*integ(v(o{min(5, n - 1)}))}}")
params = [f"y{i}_{j}:x0" for i in range(m) for j in range(n)] + [f"rr{i}_{j}" for i in range(m) for j in range(n)]
out.append(".sens " + obj)
for k in range(0, len(params), 16):
    out.append("+ " + " ".join(params[k:k + 16]))
out.append(".end")
print("\n".join(out))
