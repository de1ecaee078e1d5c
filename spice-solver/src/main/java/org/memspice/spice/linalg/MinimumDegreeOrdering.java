package org.memspice.spice.linalg;

import java.util.Arrays;

/**
 * Fill-reducing symmetric ordering by approximate minimum degree on a quotient graph
 * (element absorption and the approximate external degree bound of Amestoy, Davis and Duff,
 * "An approximate minimum degree ordering algorithm", SIAM J. Matrix Anal. Appl. 17(4), 1996).
 * Works on the pattern of A + A<sup>T</sup>; EJML offers no such ordering (see SOLVER.md).
 */
public final class MinimumDegreeOrdering {
    private MinimumDegreeOrdering() {
    }

    /**
     * @return permutation {@code perm} with {@code perm[k]} the index eliminated at step k
     */
    public static int[] order(int n, int[] colPtr, int[] rowIdx) {
        int[][] adj = symmetricAdjacency(n, colPtr, rowIdx);
        int[] adjLen = new int[n];
        for (int i = 0; i < n; i++) {
            adjLen[i] = adj[i].length;
        }
        int[][] elems = new int[n][];
        int[] elemLen = new int[n];
        int[][] elemVars = new int[n][];
        boolean[] eliminated = new boolean[n];
        boolean[] absorbed = new boolean[n];
        int[] degree = new int[n];
        int[] head = new int[n + 1];
        int[] next = new int[n];
        int[] prev = new int[n];
        Arrays.fill(head, -1);
        for (int i = 0; i < n; i++) {
            elems[i] = new int[2];
            degree[i] = adjLen[i];
            insert(i, degree[i], head, next, prev);
        }
        int[] mark = new int[n];
        int[] wMark = new int[n];
        int[] w = new int[n];
        int stamp = 0;
        int[] perm = new int[n];
        int minDeg = 0;
        int[] lp = new int[n];
        for (int k = 0; k < n; k++) {
            while (head[minDeg] < 0) {
                minDeg++;
            }
            int p = head[minDeg];
            remove(p, degree[p], head, next, prev);
            perm[k] = p;
            eliminated[p] = true;
            stamp++;
            mark[p] = stamp;
            int lpLen = 0;
            for (int a = 0; a < adjLen[p]; a++) {
                int v = adj[p][a];
                if (!eliminated[v] && mark[v] != stamp) {
                    mark[v] = stamp;
                    lp[lpLen++] = v;
                }
            }
            for (int a = 0; a < elemLen[p]; a++) {
                int e = elems[p][a];
                if (absorbed[e]) {
                    continue;
                }
                for (int v : elemVars[e]) {
                    if (!eliminated[v] && mark[v] != stamp) {
                        mark[v] = stamp;
                        lp[lpLen++] = v;
                    }
                }
                absorbed[e] = true;
                elemVars[e] = null;
            }
            int[] newElem = Arrays.copyOf(lp, lpLen);
            elemVars[p] = newElem;
            adj[p] = null;
            elems[p] = null;
            // prune the neighbours' lists and count |Le \ Lp| for their other elements
            for (int v : newElem) {
                remove(v, degree[v], head, next, prev);
                int[] ev = elems[v];
                int m = 0;
                for (int a = 0; a < elemLen[v]; a++) {
                    int e = ev[a];
                    if (!absorbed[e]) {
                        ev[m++] = e;
                        if (wMark[e] != stamp) {
                            wMark[e] = stamp;
                            w[e] = elemVars[e].length;
                        }
                        w[e]--;
                    }
                }
                if (m == ev.length) {
                    ev = Arrays.copyOf(ev, m * 2 + 1);
                    elems[v] = ev;
                }
                ev[m++] = p;
                elemLen[v] = m;
                int[] av = adj[v];
                int na = 0;
                for (int a = 0; a < adjLen[v]; a++) {
                    int u = av[a];
                    if (!eliminated[u] && mark[u] != stamp) {
                        av[na++] = u;
                    }
                }
                adjLen[v] = na;
            }
            int remaining = n - k - 1;
            for (int v : newElem) {
                long d = adjLen[v] + (long) lpLen - 1;
                for (int a = 0; a < elemLen[v]; a++) {
                    int e = elems[v][a];
                    if (e != p) {
                        d += w[e];
                    }
                }
                int deg = (int) Math.min(d, remaining - 1L);
                degree[v] = Math.max(deg, 0);
                insert(v, degree[v], head, next, prev);
                if (degree[v] < minDeg) {
                    minDeg = degree[v];
                }
            }
        }
        return perm;
    }

    private static void insert(int i, int d, int[] head, int[] next, int[] prev) {
        next[i] = head[d];
        prev[i] = -1;
        if (head[d] >= 0) {
            prev[head[d]] = i;
        }
        head[d] = i;
    }

    private static void remove(int i, int d, int[] head, int[] next, int[] prev) {
        if (prev[i] >= 0) {
            next[prev[i]] = next[i];
        } else {
            head[d] = next[i];
        }
        if (next[i] >= 0) {
            prev[next[i]] = prev[i];
        }
    }

    private static int[][] symmetricAdjacency(int n, int[] colPtr, int[] rowIdx) {
        int[] count = new int[n];
        for (int c = 0; c < n; c++) {
            for (int p = colPtr[c]; p < colPtr[c + 1]; p++) {
                int r = rowIdx[p];
                if (r != c) {
                    count[r]++;
                    count[c]++;
                }
            }
        }
        int[][] adj = new int[n][];
        for (int i = 0; i < n; i++) {
            adj[i] = new int[count[i]];
        }
        int[] fill = new int[n];
        for (int c = 0; c < n; c++) {
            for (int p = colPtr[c]; p < colPtr[c + 1]; p++) {
                int r = rowIdx[p];
                if (r != c) {
                    adj[r][fill[r]++] = c;
                    adj[c][fill[c]++] = r;
                }
            }
        }
        // remove duplicates (entry present in both A and A^T)
        int[] seen = new int[n];
        Arrays.fill(seen, -1);
        for (int i = 0; i < n; i++) {
            int m = 0;
            for (int v : adj[i]) {
                if (seen[v] != i) {
                    seen[v] = i;
                    adj[i][m++] = v;
                }
            }
            adj[i] = Arrays.copyOf(adj[i], m);
        }
        return adj;
    }
}
