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
        return new Amd(n, cp, ci, cnz, set).run();
    }

    /**
     * One run of the algorithm: the quotient graph and the degree lists as fields, and each
     * elimination step as a few short methods (in a fresh JVM they are compiled after a few
     * hundred steps; one long loop body would run interpreted until on-stack replacement and
     * then keep the optimizing compiler busy for a long time).
     */
    private static final class Amd {
        private final int n;
        private final int[] cp;
        private final int[] ci;
        private final int[] set;
        private final int dense;
        private final int nzmax;
        private final int[] pOut;
        private final int[] len;
        private final int[] nv;
        private final int[] next;
        private final int[] head;
        private final int[] elen;
        private final int[] degree;
        private final int[] w;
        private final int[] hhead;
        private final int[] last;
        private int cnz;
        private int mark;
        private int current;
        private int inLists;
        private int[] setHead;
        private int[] setNext;
        private int nel;
        private int mindeg;
        private int lemax;
        // the elimination step under way: pivot k, its element list length and weight, the new element Lk in ci[pk1, pk2)
        private int k;
        private int elenk;
        private int nvk;
        private int dk;
        private int pk1;
        private int pk2;

        Amd(int n, int[] cp, int[] ci, int cnz, int[] set) {
            this.n = n;
            this.cp = cp;
            this.ci = ci;
            this.cnz = cnz;
            this.set = set;
            int d = (int) Math.max(16, 10 * Math.sqrt(n));
            dense = Math.min(n - 2, d);
            nzmax = ci.length;
            pOut = new int[n + 1];
            len = new int[n + 1];
            nv = new int[n + 1];
            next = new int[n + 1];
            head = new int[n + 1];
            elen = new int[n + 1];
            degree = new int[n + 1];
            w = new int[n + 1];
            hhead = new int[n + 1];
            last = pOut; // workspace until the postorder
        }

        int[] run() {
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
            mark = clear(0, 0, w, n);
            current = 0;
            inLists = 0;
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
            nel = 0;
            for (int i = 0; i < n; i++) {
                initial(i);
            }
            mindeg = 0;
            lemax = 0;
            while (nel < n) {
                if (set != null && inLists == 0) {
                    if (!nextSet()) {
                        break;
                    }
                    continue;
                }
                eliminate();
            }
            return postorder();
        }

        /** Variable i at the start: eliminated at once (no neighbours), set aside (dense), or into its degree list. */
        private void initial(int i) {
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

        /** The current set is done: its successor's live variables enter the degree lists; false when there is none. */
        private boolean nextSet() {
            current++;
            if (current >= setHead.length - 1) {
                return false;
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
            return true;
        }

        /** One elimination step: the variable of least approximate degree and everything indistinguishable from it. */
        private void eliminate() {
            // select a variable of minimum approximate degree
            k = -1;
            for (; mindeg < n && (k = head[mindeg]) == -1; mindeg++) {
                // scan up
            }
            if (next[k] != -1) {
                last[next[k]] = -1;
            }
            head[mindeg] = next[k];
            inLists--;
            elenk = elen[k];
            nvk = nv[k];
            nel += nvk;
            if (elenk > 0 && cnz + mindeg >= nzmax) {
                collectGarbage();
            }
            constructElement();
            setDifferences();
            degrees();
            degree[k] = dk;
            lemax = Math.max(lemax, dk);
            mark = clear(mark + lemax, lemax, w, n);
            supervariables();
            finish();
        }

        /** Compacts the index array when the new element would not fit. */
        private void collectGarbage() {
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

        /** Builds the new element Lk from k's elements and variables, absorbing the elements. */
        private void constructElement() {
            dk = 0;
            nv[k] = -nvk;
            int p = cp[k];
            pk1 = elenk == 0 ? p : cnz;
            pk2 = pk1;
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
        }

        /** The set differences |Le \ Lk| for every element e adjacent to Lk, in w. */
        private void setDifferences() {
            mark = clear(mark, lemax, w, n);
            for (int pk = pk1; pk < pk2; pk++) {
                int i = ci[pk];
                int eln = elen[i];
                if (eln <= 0) {
                    continue;
                }
                int nvi = -nv[i];
                int wnvi = mark - nvi;
                for (int p = cp[i]; p <= cp[i] + eln - 1; p++) {
                    int e = ci[p];
                    if (w[e] >= mark) {
                        w[e] -= nvi;
                    } else if (w[e] != 0) {
                        w[e] = degree[e] + wnvi;
                    }
                }
            }
        }

        /** Approximate external degrees, aggressive absorption and hashes of the variables of Lk. */
        private void degrees() {
            for (int pk = pk1; pk < pk2; pk++) {
                degree(ci[pk]);
            }
        }

        private void degree(int i) {
            int p1 = cp[i];
            int p2 = p1 + elen[i] - 1;
            int pn = p1;
            long h = 0;
            int d = 0;
            for (int p = p1; p <= p2; p++) {
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
            for (int p = p2 + 1; p < p4; p++) {
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

        /** Merges the variables of Lk with identical adjacency (found through their hashes) into supervariables. */
        private void supervariables() {
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
                    for (int p = cp[i] + 1; p <= cp[i] + ln - 1; p++) {
                        w[ci[p]] = mark;
                    }
                    int jlast = i;
                    for (int j = next[i]; j != -1;) {
                        boolean ok = len[j] == ln && elen[j] == eln && (set == null || set[i] == set[j]);
                        for (int p = cp[j] + 1; ok && p <= cp[j] + ln - 1; p++) {
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
        }

        /** Finalizes Lk and puts its variables back into the degree lists. */
        private void finish() {
            int p = pk1;
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

        /** The postorder of the assembly tree: the ordering. */
        private int[] postorder() {
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
