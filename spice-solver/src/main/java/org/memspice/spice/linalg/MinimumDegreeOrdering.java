package org.memspice.spice.linalg;

import java.util.Arrays;

/**
 * Approximate minimum degree ordering of Amestoy, Davis and Duff ("An approximate minimum degree
 * ordering algorithm", SIAM J. Matrix Anal. Appl. 17(4), 1996), on the pattern of
 * A + A<sup>T</sup>, in the compact form of Davis's CSparse ({@code cs_amd}, "Direct Methods for
 * Sparse Linear Systems", SIAM 2006, chapter 7):
 * <ul>
 * <li>a quotient graph held in one index array: each variable keeps its list of adjacent elements
 * followed by its list of adjacent variables, each element its list of variables, with garbage
 * collection when the array runs out of room;</li>
 * <li>element absorption (an element adjacent to the pivot is merged into the new element) and
 * aggressive absorption (an element whose variables all lie in the new element, found while
 * computing degrees);</li>
 * <li>supervariables: variables with identical adjacency are found by hashing and merged, so a
 * whole supervariable is eliminated at once (mass elimination, also of variables left with no
 * external degree);</li>
 * <li>the approximate external degree bound d(i) &le; |A_i \ i| + |L_p \ i| + &Sigma; |L_e \ L_p|
 * in place of the exact degree;</li>
 * <li>dense rows (degree above 10&radic;n, at least 16) are set aside and ordered last;</li>
 * <li>the result is a postorder of the assembly tree.</li>
 * </ul>
 * EJML offers no such ordering (see SOLVER.md).
 */
public final class MinimumDegreeOrdering {
    private MinimumDegreeOrdering() {
    }

    /**
     * @return permutation {@code perm} with {@code perm[k]} the index eliminated at step k
     */
    public static int[] order(int n, int[] colPtr, int[] rowIdx) {
        int[] perm = new int[n];
        order(n, colPtr, rowIdx, perm);
        return perm;
    }

    /** Writes the ordering of the pattern (any square pattern; only A + A<sup>T</sup> matters) into {@code perm}. */
    public static void order(int n, int[] colPtr, int[] rowIdx, int[] perm) {
        if (n == 0) {
            return;
        }
        SymmetricPattern c = SymmetricPattern.of(n, colPtr, rowIdx, 0);
        int cnz = c.colPtr[n];
        int[] ci = Arrays.copyOf(c.rowIdx, cnz + cnz / 5 + 2 * n);
        int[] cp = Arrays.copyOf(c.colPtr, n + 1);
        int[] p = amd(n, cp, ci, cnz);
        System.arraycopy(p, 0, perm, 0, n);
    }

    /**
     * Orders the graph of A + A<sup>T</sup> given without its diagonal in {@code cp}/{@code ci}
     * (both destroyed); {@code ci} must have elbow room beyond {@code cnz}. Returns n + 1 entries,
     * the last being the placeholder node n.
     */
    static int[] amd(int n, int[] cp, int[] ci, int cnz) {
        return amd(n, cp, ci, cnz, null);
    }

    /**
     * As {@link #amd(int, int[], int[], int)}, with constraint sets when {@code set} is not null
     * (as in CAMD): every variable of set 0 is eliminated before any of set 1 and so on, each
     * set in approximate-minimum-degree order; supervariables form within a set only. Sets are
     * numbered 0, 1, ... without gaps. The returned postorder of the assembly tree is an
     * equivalent order (same fill) that need not keep the sets together.
     */
    static int[] amd(int n, int[] cp, int[] ci, int cnz, int[] set) {
        int dense = (int) Math.max(16, 10 * Math.sqrt(n));
        dense = Math.min(n - 2, dense);
        int nzmax = ci.length;
        int[] pOut = new int[n + 1];
        int[] len = new int[n + 1];
        int[] nv = new int[n + 1];
        int[] next = new int[n + 1];
        int[] head = new int[n + 1];
        int[] elen = new int[n + 1];
        int[] degree = new int[n + 1];
        int[] w = new int[n + 1];
        int[] hhead = new int[n + 1];
        int[] last = pOut; // workspace until the postorder
        for (int k = 0; k < n; k++) {
            len[k] = cp[k + 1] - cp[k];
        }
        len[n] = 0;
        for (int i = 0; i <= n; i++) {
            head[i] = -1;
            last[i] = -1;
            next[i] = -1;
            hhead[i] = -1;
            nv[i] = 1;
            w[i] = 1;
            elen[i] = 0;
            degree[i] = len[i];
        }
        int mark = clear(0, 0, w, n);
        int current = 0;
        int inLists = 0;
        int[] setHead = null;
        int[] setNext = null;
        if (set != null) {
            int sets = 0;
            for (int i = 0; i < n; i++) {
                sets = Math.max(sets, set[i] + 1);
            }
            setHead = new int[sets + 1];
            setNext = new int[n];
            Arrays.fill(setHead, -1);
            for (int i = n - 1; i >= 0; i--) {
                setNext[i] = setHead[set[i]];
                setHead[set[i]] = i;
            }
        }
        elen[n] = -2;
        cp[n] = -1;
        w[n] = 0;
        int nel = 0;
        for (int i = 0; i < n; i++) {
            int d = degree[i];
            if (d == 0) {
                elen[i] = -2;
                nel++;
                cp[i] = -1;
                w[i] = 0;
            } else if (d > dense && set == null) {
                nv[i] = 0;
                elen[i] = -1;
                nel++;
                cp[i] = flip(n);
                nv[n]++;
            } else if (set == null || set[i] == current) {
                if (head[d] != -1) {
                    last[head[d]] = i;
                }
                next[i] = head[d];
                head[d] = i;
                inLists++;
            }
        }
        int mindeg = 0;
        int lemax = 0;
        while (nel < n) {
            if (set != null && inLists == 0) {
                // the current set is done: its successor's live variables enter the degree lists
                current++;
                if (current >= setHead.length - 1) {
                    break;
                }
                for (int i = setHead[current]; i != -1; i = setNext[i]) {
                    if (nv[i] > 0 && elen[i] >= 0) {
                        int d = Math.min(degree[i], n - 1);
                        degree[i] = d;
                        if (head[d] != -1) {
                            last[head[d]] = i;
                        }
                        next[i] = head[d];
                        last[i] = -1;
                        head[d] = i;
                        inLists++;
                        mindeg = Math.min(mindeg, d);
                    }
                }
                continue;
            }
            // select a variable of minimum approximate degree
            int k = -1;
            for (; mindeg < n && (k = head[mindeg]) == -1; mindeg++) {
                // scan up
            }
            if (next[k] != -1) {
                last[next[k]] = -1;
            }
            head[mindeg] = next[k];
            inLists--;
            int elenk = elen[k];
            int nvk = nv[k];
            nel += nvk;
            // garbage collection
            if (elenk > 0 && cnz + mindeg >= nzmax) {
                for (int j = 0; j < n; j++) {
                    int p = cp[j];
                    if (p >= 0) {
                        cp[j] = ci[p];
                        ci[p] = flip(j);
                    }
                }
                int q = 0;
                for (int p = 0; p < cnz;) {
                    int j = flip(ci[p++]);
                    if (j >= 0) {
                        ci[q] = cp[j];
                        cp[j] = q++;
                        for (int k3 = 0; k3 < len[j] - 1; k3++) {
                            ci[q++] = ci[p++];
                        }
                    }
                }
                cnz = q;
            }
            // construct the new element Lk
            int dk = 0;
            nv[k] = -nvk;
            int p = cp[k];
            int pk1 = elenk == 0 ? p : cnz;
            int pk2 = pk1;
            for (int k1 = 1; k1 <= elenk + 1; k1++) {
                int e;
                int pj;
                int ln;
                if (k1 > elenk) {
                    e = k;
                    pj = p;
                    ln = len[k] - elenk;
                } else {
                    e = ci[p++];
                    pj = cp[e];
                    ln = len[e];
                }
                for (int k2 = 1; k2 <= ln; k2++) {
                    int i = ci[pj++];
                    int nvi = nv[i];
                    if (nvi <= 0) {
                        continue;
                    }
                    dk += nvi;
                    nv[i] = -nvi;
                    ci[pk2++] = i;
                    if (set != null && set[i] != current) {
                        continue; // not in a degree list
                    }
                    inLists--;
                    if (next[i] != -1) {
                        last[next[i]] = last[i];
                    }
                    if (last[i] != -1) {
                        next[last[i]] = next[i];
                    } else {
                        head[degree[i]] = next[i];
                    }
                }
                if (e != k) {
                    cp[e] = flip(k); // absorb e into k
                    w[e] = 0;
                }
            }
            if (elenk != 0) {
                cnz = pk2;
            }
            degree[k] = dk;
            cp[k] = pk1;
            len[k] = pk2 - pk1;
            elen[k] = -2;
            // set differences |Le \ Lk| for every element e adjacent to Lk
            mark = clear(mark, lemax, w, n);
            for (int pk = pk1; pk < pk2; pk++) {
                int i = ci[pk];
                int eln = elen[i];
                if (eln <= 0) {
                    continue;
                }
                int nvi = -nv[i];
                int wnvi = mark - nvi;
                for (p = cp[i]; p <= cp[i] + eln - 1; p++) {
                    int e = ci[p];
                    if (w[e] >= mark) {
                        w[e] -= nvi;
                    } else if (w[e] != 0) {
                        w[e] = degree[e] + wnvi;
                    }
                }
            }
            // approximate external degrees, aggressive absorption, hashes
            for (int pk = pk1; pk < pk2; pk++) {
                int i = ci[pk];
                int p1 = cp[i];
                int p2 = p1 + elen[i] - 1;
                int pn = p1;
                long h = 0;
                int d = 0;
                for (p = p1; p <= p2; p++) {
                    int e = ci[p];
                    if (w[e] != 0) {
                        int dext = w[e] - mark;
                        if (dext > 0) {
                            d += dext;
                            ci[pn++] = e;
                            h += e;
                        } else {
                            cp[e] = flip(k); // aggressive absorption
                            w[e] = 0;
                        }
                    }
                }
                elen[i] = pn - p1 + 1;
                int p3 = pn;
                int p4 = p1 + len[i];
                for (p = p2 + 1; p < p4; p++) {
                    int j = ci[p];
                    int nvj = nv[j];
                    if (nvj <= 0) {
                        continue;
                    }
                    d += nvj;
                    ci[pn++] = j;
                    h += j;
                }
                if (d == 0 && (set == null || set[i] == current)) {
                    // mass elimination: i has nothing outside Lk
                    cp[i] = flip(k);
                    int nvi = -nv[i];
                    dk -= nvi;
                    nvk += nvi;
                    nel += nvi;
                    nv[i] = 0;
                    elen[i] = -1;
                } else {
                    degree[i] = Math.min(degree[i], d);
                    ci[pn] = ci[p3];
                    ci[p3] = ci[p1];
                    ci[p1] = k;
                    len[i] = pn - p1 + 1;
                    int hb = (int) (h % n);
                    next[i] = hhead[hb];
                    hhead[hb] = i;
                    last[i] = hb;
                }
            }
            degree[k] = dk;
            lemax = Math.max(lemax, dk);
            mark = clear(mark + lemax, lemax, w, n);
            // supervariable detection
            for (int pk = pk1; pk < pk2; pk++) {
                int i = ci[pk];
                if (nv[i] >= 0) {
                    continue;
                }
                int hb = last[i];
                i = hhead[hb];
                hhead[hb] = -1;
                for (; i != -1 && next[i] != -1; i = next[i], mark++) {
                    int ln = len[i];
                    int eln = elen[i];
                    for (p = cp[i] + 1; p <= cp[i] + ln - 1; p++) {
                        w[ci[p]] = mark;
                    }
                    int jlast = i;
                    for (int j = next[i]; j != -1;) {
                        boolean ok = len[j] == ln && elen[j] == eln && (set == null || set[i] == set[j]);
                        for (p = cp[j] + 1; ok && p <= cp[j] + ln - 1; p++) {
                            if (w[ci[p]] != mark) {
                                ok = false;
                            }
                        }
                        if (ok) {
                            cp[j] = flip(i); // absorb j into i
                            nv[i] += nv[j];
                            nv[j] = 0;
                            elen[j] = -1;
                            j = next[j];
                            next[jlast] = j;
                        } else {
                            jlast = j;
                            j = next[j];
                        }
                    }
                }
            }
            // finalize Lk, put its variables back into the degree lists
            p = pk1;
            for (int pk = pk1; pk < pk2; pk++) {
                int i = ci[pk];
                int nvi = -nv[i];
                if (nvi <= 0) {
                    continue;
                }
                nv[i] = nvi;
                int d = degree[i] + dk - nvi;
                d = Math.max(0, Math.min(d, n - nel - nvi));
                degree[i] = d;
                ci[p++] = i;
                if (set != null && set[i] != current) {
                    next[i] = -1;
                    last[i] = -1;
                    continue;
                }
                inLists++;
                if (head[d] != -1) {
                    last[head[d]] = i;
                }
                next[i] = head[d];
                last[i] = -1;
                head[d] = i;
                mindeg = Math.min(mindeg, d);
            }
            nv[k] = nvk;
            len[k] = p - pk1;
            if (len[k] == 0) {
                cp[k] = -1;
                w[k] = 0;
            }
            if (elenk != 0) {
                cnz = p;
            }
        }
        // postorder the assembly tree
        for (int i = 0; i < n; i++) {
            if (cp[i] >= 0) {
                cp[i] = -1; // a live element or variable left when the sets ran out: a root
            }
            cp[i] = flip(cp[i]);
        }
        Arrays.fill(head, -1);
        for (int j = n; j >= 0; j--) {
            if (nv[j] > 0) {
                continue;
            }
            next[j] = head[cp[j]];
            head[cp[j]] = j;
        }
        for (int e = n; e >= 0; e--) {
            if (nv[e] <= 0) {
                continue;
            }
            if (cp[e] != -1) {
                next[e] = head[cp[e]];
                head[cp[e]] = e;
            }
        }
        int k = 0;
        for (int i = 0; i <= n; i++) {
            if (cp[i] == -1) {
                k = treeDfs(i, k, head, next, pOut, w);
            }
        }
        return pOut;
    }

    private static int flip(int i) {
        return -i - 2;
    }

    /** Resets the marks of w when {@code mark} would overflow; returns the mark to use. */
    private static int clear(int mark, int lemax, int[] w, int n) {
        if (mark < 2 || mark + lemax < 0) {
            for (int k = 0; k < n; k++) {
                if (w[k] != 0) {
                    w[k] = 1;
                }
            }
            mark = 2;
        }
        return mark;
    }

    /** Depth-first search of a tree given by child lists; appends the postorder to {@code post} from k. */
    static int treeDfs(int j, int k, int[] head, int[] next, int[] post, int[] stack) {
        int top = 0;
        stack[0] = j;
        while (top >= 0) {
            int p = stack[top];
            int i = head[p];
            if (i == -1) {
                top--;
                post[k++] = p;
            } else {
                head[p] = next[i];
                stack[++top] = i;
            }
        }
        return k;
    }
}
