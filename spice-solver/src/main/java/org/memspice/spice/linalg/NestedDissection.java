package org.memspice.spice.linalg;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Nested dissection ordering by multilevel graph bisection, in the manner of METIS (Karypis and
 * Kumar, "A fast and high quality multilevel scheme for partitioning irregular graphs", SIAM J.
 * Sci. Comput. 20(1), 1998): the graph of A + A<sup>T</sup> is coarsened by heavy-edge matching;
 * the coarsest graph is bisected by greedy region growing from several seeds, refined by
 * Fiduccia-Mattheyses passes on the edge cut, and the cut edges turned into a vertex separator by
 * a minimum vertex cover of the cut (K&ouml;nig's theorem); that separator is projected back
 * level by level and refined on each by Fiduccia-Mattheyses passes that move separator vertices
 * ({@link SeparatorRefiner}). The two halves are dissected recursively, disconnected pieces one by
 * one, down to pieces of {@value #LEAF} vertices. The pieces and separators, in dissection order,
 * then become the constraint sets of one approximate minimum degree ordering of the whole graph (as
 * CHOLMOD orders its dissection with CAMD), so that every piece is ordered knowing its boundary
 * and every separator by degree.
 *
 * <p>On a 127 x 127 grid it needs fewer flops than the grid's straight middle lines and than
 * minimum degree (OrderingTest); on the crossbars of BENCHMARKS.md about half of minimum degree's
 * flops. The result is deterministic (a fixed seed).
 */
public final class NestedDissection {
    /** Pieces this small are not divided further. */
    static final int LEAF = 400;
    private static final int COARSEST = 120;
    private static final double IMBALANCE = 0.05;
    /** Seeds grown on the coarsest graph of a piece of at least {@value #SMALL_PIECE} vertices. */
    private static final int INITIAL_TRIALS = 10;
    /** Seeds grown for a smaller piece: most pieces are small, and their separators cheap. */
    private static final int SMALL_TRIALS = 3;
    private static final int SMALL_PIECE = 5000;
    private static final int FM_PASSES = 6;
    private static final int LIMIT = 150;

    private static final long SEED = 20261202L;

    private NestedDissection() {
    }

    /** A graph in compressed rows with vertex and edge weights (symmetric, no self loops). */
    static final class Graph {
        final int n;
        final int[] xadj;
        final int[] adj;
        final int[] ewgt;
        final int[] vwgt;
        int totalWeight;

        Graph(int n, int[] xadj, int[] adj, int[] ewgt, int[] vwgt) {
            this.n = n;
            this.xadj = xadj;
            this.adj = adj;
            this.ewgt = ewgt;
            this.vwgt = vwgt;
            int t = 0;
            for (int i = 0; i < n; i++) {
                t += vwgt[i];
            }
            totalWeight = t;
        }
    }

    /** @return permutation {@code perm} with {@code perm[k]} the index eliminated at step k */
    public static int[] order(int n, int[] colPtr, int[] rowIdx) {
        int[] perm = new int[n];
        order(SymmetricPattern.of(n, colPtr, rowIdx, 0), perm);
        return perm;
    }

    /** Writes the nested-dissection ordering of the symmetric pattern {@code g} into {@code perm}. */
    public static void order(SymmetricPattern g, int[] perm) {
        int n = g.n;
        if (n == 0) {
            return;
        }
        int nnz = g.colPtr[n];
        int[] ones = new int[Math.max(nnz, n)];
        Arrays.fill(ones, 1);
        Graph top = new Graph(n, Arrays.copyOf(g.colPtr, n + 1), Arrays.copyOf(g.rowIdx, nnz),
                Arrays.copyOf(ones, nnz), Arrays.copyOf(ones, n));
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = i;
        }
        Dissection job = new Dissection(n, nnz, perm);
        job.dissect(top, ids, 0, new SplittableRandom(SEED));
        top = null;
        // the dissection's blocks (pieces and separators, in their order) become constraint sets
        // of one minimum degree ordering of the whole graph
        int[] set = new int[n];
        int block = -1;
        for (int k = 0; k < n; k++) {
            if (job.blockStart[k]) {
                block++;
            }
            set[perm[k]] = block;
        }
        int[] cp = Arrays.copyOf(g.colPtr, n + 1);
        int[] ci = Arrays.copyOf(g.rowIdx, nnz + nnz / 5 + 2 * n);
        int[] p = MinimumDegreeOrdering.amd(n, cp, ci, nnz, set);
        System.arraycopy(p, 0, perm, 0, n);
    }

    /**
     * The recursion: its outputs (the order and where each block starts) and the workspaces, which
     * serve one piece's search for a separator and its split, and are free again before the
     * recursion goes on.
     */
    private static final class Dissection {
        final int[] perm;
        final boolean[] blockStart;
        private final Dissector d;

        Dissection(int n, int edges, int[] perm) {
            this.perm = perm;
            blockStart = new boolean[n];
            d = new Dissector(n, edges);
        }

        void dissect(Graph g, int[] ids, int start, SplittableRandom random) {
            int n = g.n;
            if (n <= LEAF) {
                leaf(ids, start, n);
                return;
            }
            Graph[] parts;
            int[][] partIds;
            int[] starts;
            { // the split; its labels go out of scope before the recursion
                int pieces = d.components(g, d.label);
                int[] where;
                int[] counts;
                if (pieces > 1) {
                    counts = new int[pieces];
                    for (int i = 0; i < n; i++) {
                        counts[d.label[i]]++;
                    }
                    where = Arrays.copyOf(d.label, n);
                } else {
                    where = d.separator(g, random);
                    if (where == null) {
                        leaf(ids, start, n);
                        return;
                    }
                    counts = new int[3];
                    for (int i = 0; i < n; i++) {
                        counts[where[i]]++;
                    }
                    if (counts[0] == 0 || counts[1] == 0) {
                        leaf(ids, start, n);
                        return;
                    }
                    int at = start + counts[0] + counts[1];
                    blockStart[at] = true;
                    for (int i = 0; i < n; i++) {
                        if (where[i] == 2) {
                            perm[at++] = ids[i];
                        }
                    }
                    pieces = 2;
                }
                parts = new Graph[pieces];
                partIds = new int[pieces][];
                starts = new int[pieces];
                int at = start;
                for (int c = 0; c < pieces; c++) {
                    parts[c] = d.extract(g, where, c, counts[c]);
                    partIds[c] = d.subIds(ids, where, c, counts[c]);
                    starts[c] = at;
                    at += counts[c];
                }
            }
            g = null;
            ids = null;
            for (int c = 0; c < parts.length; c++) {
                Graph part = parts[c];
                parts[c] = null;
                dissect(part, partIds[c], starts[c], random);
            }
        }

        /** A piece left whole: one block, ordered later with the rest by constrained minimum degree. */
        void leaf(int[] ids, int start, int size) {
            System.arraycopy(ids, 0, perm, start, size);
            blockStart[start] = true;
        }
    }

    /**
     * The workspaces of the search for one piece's separator, sized for the whole graph: the
     * coarsening's matching, visiting order and edge slots, its coarse adjacency before it is
     * copied to its exact size, and the two sides' labels of the finer levels, which take turns
     * (the separator returned is one of them, and is read before the next piece's search).
     */
    private static final class Dissector {
        final int[] label;
        final int[] queue;
        final int[] local;
        final int[] match;
        final int[] order;
        final int[] slot;
        final int[] adjacency;
        final int[] weights;
        final int[] whereA;
        final int[] whereB;
        final SeparatorRefiner nodes;

        Dissector(int n, int edges) {
            nodes = new SeparatorRefiner(n);
            label = new int[n];
            queue = new int[n];
            local = new int[n];
            match = new int[n];
            order = new int[n];
            slot = new int[n];
            adjacency = new int[edges];
            weights = new int[edges];
            whereA = new int[n];
            whereB = new int[n];
        }

        /** Connected components by breadth-first search; returns their number. */
        int components(Graph g, int[] comp) {
            int n = g.n;
            Arrays.fill(comp, 0, n, -1);
            int count = 0;
            for (int s = 0; s < n; s++) {
                if (comp[s] >= 0) {
                    continue;
                }
                int head = 0;
                int tail = 0;
                queue[tail++] = s;
                comp[s] = count;
                while (head < tail) {
                    int v = queue[head++];
                    for (int p = g.xadj[v]; p < g.xadj[v + 1]; p++) {
                        int u = g.adj[p];
                        if (comp[u] < 0) {
                            comp[u] = count;
                            queue[tail++] = u;
                        }
                    }
                }
                count++;
            }
            return count;
        }

        /** The subgraph induced by the vertices with {@code part[v] == which}. */
        Graph extract(Graph g, int[] part, int which, int size) {
            int n = g.n;
            int m = 0;
            int edges = 0;
            for (int v = 0; v < n; v++) {
                if (part[v] == which) {
                    local[v] = m++;
                    for (int p = g.xadj[v]; p < g.xadj[v + 1]; p++) {
                        if (part[g.adj[p]] == which) {
                            edges++;
                        }
                    }
                }
            }
            int[] xadj = new int[size + 1];
            int[] adj = new int[edges];
            int[] ewgt = new int[edges];
            int[] vwgt = new int[size];
            int e = 0;
            m = 0;
            for (int v = 0; v < n; v++) {
                if (part[v] != which) {
                    continue;
                }
                vwgt[m] = g.vwgt[v];
                for (int p = g.xadj[v]; p < g.xadj[v + 1]; p++) {
                    int u = g.adj[p];
                    if (part[u] == which) {
                        adj[e] = local[u];
                        ewgt[e++] = g.ewgt[p];
                    }
                }
                xadj[++m] = e;
            }
            return new Graph(size, xadj, adj, ewgt, vwgt);
        }

        int[] subIds(int[] ids, int[] part, int which, int size) {
            int[] out = new int[size];
            int m = 0;
            for (int v = 0; v < ids.length && m < size; v++) { // part may be a workspace longer than the piece
                if (part[v] == which) {
                    out[m++] = ids[v];
                }
            }
            return out;
        }

        /**
         * A vertex separator of the connected graph {@code g} (0 and 1 for the two sides, 2 for
         * the separator; null when none was found) by one multilevel pass: the coarsest graph's
         * separator from an edge bisection and its cover, then projected back level by level (a
         * coarse separator vertex puts both its fine vertices into the separator) and refined on
         * every level by moving separator vertices. (Three such passes and the best of them, tried
         * on the crossbars of BENCHMARKS.md, cost more time than their shorter separators saved.)
         */
        int[] separator(Graph g, SplittableRandom random) {
            // coarsen
            Graph[] levels = new Graph[64];
            int[][] maps = new int[64][];
            levels[0] = g;
            int depth = 0;
            while (levels[depth].n > COARSEST && depth < 63) {
                Graph fine = levels[depth];
                int[] cmap = new int[fine.n];
                Graph coarse = coarsen(fine, cmap, random);
                if (coarse.n > 0.95 * fine.n) {
                    break;
                }
                maps[depth] = cmap;
                levels[++depth] = coarse;
            }
            int[] where = initialSeparator(levels[depth], g.n, random);
            if (where == null) {
                return null;
            }
            for (int d = depth - 1; d >= 0; d--) {
                Graph fine = levels[d];
                int[] cmap = maps[d];
                int[] fineWhere = where == whereA ? whereB : whereA;
                for (int v = 0; v < fine.n; v++) {
                    fineWhere[v] = where[cmap[v]];
                }
                where = fineWhere;
                nodes.refine(fine, where);
                levels[d + 1] = null;
                maps[d] = null;
            }
            return where;
        }

        /** Heavy-edge matching in random order; writes the coarse index of each vertex into {@code cmap}. */
        Graph coarsen(Graph g, int[] cmap, SplittableRandom random) {
            int n = g.n;
            Arrays.fill(match, 0, n, -1);
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            int maxVertex = (int) Math.max(1, 1.5 * g.totalWeight / COARSEST);
            for (int k = 0; k < n; k++) {
                int v = order[k];
                if (match[v] >= 0) {
                    continue;
                }
                int best = -1;
                int bestW = -1;
                for (int p = g.xadj[v]; p < g.xadj[v + 1]; p++) {
                    int u = g.adj[p];
                    if (match[u] < 0 && u != v && g.vwgt[v] + g.vwgt[u] <= maxVertex
                            && (g.ewgt[p] > bestW || (g.ewgt[p] == bestW && g.vwgt[u] < g.vwgt[best]))) {
                        best = u;
                        bestW = g.ewgt[p];
                    }
                }
                if (best < 0) {
                    match[v] = v;
                } else {
                    match[v] = best;
                    match[best] = v;
                }
            }
            int cn = 0;
            for (int v = 0; v < n; v++) {
                if (v <= match[v]) {
                    cmap[v] = cn;
                    cmap[match[v]] = cn;
                    cn++;
                }
            }
            int[] xadj = new int[cn + 1];
            int[] adj = adjacency;
            int[] ewgt = weights;
            int[] vwgt = new int[cn];
            Arrays.fill(slot, 0, cn, -1);
            int e = 0;
            int c = 0;
            for (int v = 0; v < n; v++) {
                if (v > match[v]) {
                    continue;
                }
                int start = e;
                int u2 = match[v];
                vwgt[c] = g.vwgt[v] + (u2 != v ? g.vwgt[u2] : 0);
                for (int side = 0; side < (u2 != v ? 2 : 1); side++) {
                    int x = side == 0 ? v : u2;
                    for (int p = g.xadj[x]; p < g.xadj[x + 1]; p++) {
                        int cu = cmap[g.adj[p]];
                        if (cu == c) {
                            continue;
                        }
                        if (slot[cu] < 0) {
                            slot[cu] = e;
                            adj[e] = cu;
                            ewgt[e++] = g.ewgt[p];
                        } else {
                            ewgt[slot[cu]] += g.ewgt[p];
                        }
                    }
                }
                for (int p = start; p < e; p++) {
                    slot[adj[p]] = -1;
                }
                xadj[++c] = e;
            }
            return new Graph(cn, xadj, Arrays.copyOf(adj, e), Arrays.copyOf(ewgt, e), vwgt);
        }

        /**
         * Greedy graph growing from several random seeds (the frontier vertex that adds least to
         * the cut joins next, so the region keeps a short boundary); each bisection is refined on
         * its edge cut, turned into a vertex separator by the cut's cover and refined as one; the
         * lightest separator with two nonempty sides wins (null if none has).
         */
        int[] initialSeparator(Graph g, int pieceSize, SplittableRandom random) {
            int n = g.n;
            int[] best = null;
            long bestSize = Long.MAX_VALUE;
            int[] where = new int[n];
            int[] toRegion = new int[n];
            GainHeap frontier = new GainHeap(n);
            int trials = pieceSize < SMALL_PIECE ? SMALL_TRIALS : INITIAL_TRIALS;
            for (int trial = 0; trial < trials; trial++) {
                Arrays.fill(where, 1);
                Arrays.fill(toRegion, 0);
                frontier.clear();
                int grown = 0;
                int target = g.totalWeight / 2;
                int seed = random.nextInt(n);
                frontier.insert(seed, 0);
                while (grown < target) {
                    int v;
                    if (frontier.size() == 0) {
                        v = -1;
                        for (int u = 0; u < n; u++) {
                            if (where[u] == 1) {
                                v = u;
                                break;
                            }
                        }
                        if (v < 0) {
                            break;
                        }
                    } else {
                        v = frontier.top();
                        frontier.remove(v);
                    }
                    where[v] = 0;
                    grown += g.vwgt[v];
                    for (int p = g.xadj[v]; p < g.xadj[v + 1]; p++) {
                        int u = g.adj[p];
                        if (where[u] != 1) {
                            continue;
                        }
                        toRegion[u] += g.ewgt[p];
                        // gain of u joining the region: edges it brings inside minus edges it cuts
                        int degree = 0;
                        for (int q = g.xadj[u]; q < g.xadj[u + 1]; q++) {
                            degree += g.ewgt[q];
                        }
                        int gain = 2 * toRegion[u] - degree;
                        if (frontier.contains(u)) {
                            frontier.update(u, gain);
                        } else {
                            frontier.insert(u, gain);
                        }
                    }
                }
                refine(g, where);
                if (vertexCover(g, where) == null) {
                    continue;
                }
                nodes.refine(g, where);
                int[] sides = new int[3];
                for (int v = 0; v < n; v++) {
                    sides[where[v]] += g.vwgt[v];
                }
                long size = sides[2] * (long) g.totalWeight + Math.abs(sides[0] - sides[1]);
                if (sides[0] > 0 && sides[1] > 0 && size < bestSize) {
                    bestSize = size;
                    best = where.clone();
                }
            }
            return best;
        }

        /** Fiduccia-Mattheyses passes on the edge cut, keeping each side within the imbalance. */
        void refine(Graph g, int[] where) {
            new Refiner(g, where).run();
        }

        /**
         * Minimum vertex cover of the cut edges (a maximum matching of the bipartite cut graph and
         * K&ouml;nig's construction), so the separator is as small as the cut allows.
         */
        int[] vertexCover(Graph g, int[] where) {
            int n = g.n;
            int[] out = where;
            // boundary vertices of each side
            int[] bIndex = local;
            int nb = 0;
            for (int v = 0; v < n; v++) {
                bIndex[v] = -1;
                for (int p = g.xadj[v]; p < g.xadj[v + 1]; p++) {
                    if (where[g.adj[p]] != where[v]) {
                        bIndex[v] = nb++;
                        break;
                    }
                }
            }
            if (nb == 0) {
                return null;
            }
            int[] vert = new int[nb];
            for (int v = 0; v < n; v++) {
                if (bIndex[v] >= 0) {
                    vert[bIndex[v]] = v;
                }
            }
            int[] mate = new int[nb];
            Arrays.fill(mate, -1);
            int[] parent = new int[nb];
            int[] bq = new int[nb];
            int[] visited = new int[nb];
            Arrays.fill(visited, -1);
            // augmenting paths from each free side-0 boundary vertex (breadth first)
            for (int s = 0; s < nb; s++) {
                if (where[vert[s]] != 0 || mate[s] >= 0) {
                    continue;
                }
                int head = 0;
                int tail = 0;
                bq[tail++] = s;
                visited[s] = s;
                int found = -1;
                while (head < tail && found < 0) {
                    int a = bq[head++];
                    int va = vert[a];
                    for (int p = g.xadj[va]; p < g.xadj[va + 1] && found < 0; p++) {
                        int u = g.adj[p];
                        if (where[u] == 0) {
                            continue;
                        }
                        int b = bIndex[u];
                        if (visited[b] == s) {
                            continue;
                        }
                        visited[b] = s;
                        parent[b] = a;
                        if (mate[b] < 0) {
                            found = b;
                        } else {
                            visited[mate[b]] = s;
                            bq[tail++] = mate[b];
                        }
                    }
                }
                for (int b = found; b >= 0;) {
                    int a = parent[b];
                    int next = mate[a];
                    mate[a] = b;
                    mate[b] = a;
                    b = next;
                }
            }
            // Z: reachable from free side-0 vertices by alternating paths
            boolean[] z = new boolean[nb];
            int head = 0;
            int tail = 0;
            for (int s = 0; s < nb; s++) {
                if (where[vert[s]] == 0 && mate[s] < 0) {
                    z[s] = true;
                    bq[tail++] = s;
                }
            }
            while (head < tail) {
                int a = bq[head++];
                int va = vert[a];
                for (int p = g.xadj[va]; p < g.xadj[va + 1]; p++) {
                    int u = g.adj[p];
                    if (where[u] == 0) {
                        continue;
                    }
                    int b = bIndex[u];
                    if (!z[b]) {
                        z[b] = true;
                        int m = mate[b];
                        if (m >= 0 && !z[m]) {
                            z[m] = true;
                            bq[tail++] = m;
                        }
                    }
                }
            }
            for (int s = 0; s < nb; s++) {
                int v = vert[s];
                boolean cover = where[v] == 0 ? !z[s] : z[s];
                if (cover) {
                    out[v] = 2;
                }
            }
            return out;
        }

        /** One bisection's Fiduccia-Mattheyses state: internal and external degrees, two gain heaps. */
        private final class Refiner {
            final Graph g;
            final int[] where;
            final int[] id;
            final int[] ed;
            final int[] pw = new int[2];
            final GainHeap[] heaps;
            final boolean[] locked;
            final int[] moved;
            final int maxSide;

            Refiner(Graph g, int[] where) {
                this.g = g;
                this.where = where;
                int n = g.n;
                id = new int[n];
                ed = new int[n];
                locked = new boolean[n];
                moved = new int[n];
                heaps = new GainHeap[] {new GainHeap(n), new GainHeap(n)};
                int maxV = 0;
                for (int v = 0; v < n; v++) {
                    maxV = Math.max(maxV, g.vwgt[v]);
                }
                maxSide = (int) Math.ceil((0.5 + IMBALANCE) * g.totalWeight) + maxV;
            }

            void run() {
                int n = g.n;
                long cut = 0;
                pw[0] = 0;
                pw[1] = 0;
                for (int v = 0; v < n; v++) {
                    pw[where[v]] += g.vwgt[v];
                    int a = 0;
                    int b = 0;
                    for (int p = g.xadj[v]; p < g.xadj[v + 1]; p++) {
                        if (where[g.adj[p]] == where[v]) {
                            a += g.ewgt[p];
                        } else {
                            b += g.ewgt[p];
                        }
                    }
                    id[v] = a;
                    ed[v] = b;
                    cut += b;
                }
                cut /= 2;
                int limit = Math.max(25, Math.min(LIMIT, n / 100));
                for (int pass = 0; pass < FM_PASSES; pass++) {
                    heaps[0].clear();
                    heaps[1].clear();
                    for (int v = 0; v < n; v++) {
                        locked[v] = false;
                        if (ed[v] > 0) {
                            heaps[where[v]].insert(v, ed[v] - id[v]);
                        }
                    }
                    long startCut = cut;
                    long bestCut = cut;
                    int bestImbalance = Math.abs(pw[0] - pw[1]);
                    int bestMoves = 0;
                    int moves = 0;
                    while (moves - bestMoves < limit) {
                        int from;
                        if (pw[0] > maxSide) {
                            from = 0;
                        } else if (pw[1] > maxSide) {
                            from = 1;
                        } else if (heaps[0].size() == 0) {
                            from = 1;
                        } else if (heaps[1].size() == 0) {
                            from = 0;
                        } else {
                            from = heaps[0].topKey() >= heaps[1].topKey() ? 0 : 1;
                        }
                        GainHeap h = heaps[from];
                        if (h.size() == 0) {
                            break;
                        }
                        int v = h.top();
                        if (pw[1 - from] + g.vwgt[v] > maxSide && pw[from] <= maxSide) {
                            // moving it would unbalance: try the other side once, else stop
                            int other = 1 - from;
                            if (heaps[other].size() == 0) {
                                break;
                            }
                            int u = heaps[other].top();
                            if (pw[from] + g.vwgt[u] > maxSide) {
                                break;
                            }
                            from = other;
                            h = heaps[from];
                            v = u;
                        }
                        h.remove(v);
                        cut -= ed[v] - id[v];
                        move(v, from);
                        moved[moves++] = v;
                        int imbalance = Math.abs(pw[0] - pw[1]);
                        boolean balanced = pw[0] <= maxSide && pw[1] <= maxSide;
                        if (balanced && (cut < bestCut || (cut == bestCut && imbalance < bestImbalance))) {
                            bestCut = cut;
                            bestImbalance = imbalance;
                            bestMoves = moves;
                        }
                    }
                    // undo the moves after the best point (no heaps needed)
                    for (int m = moves - 1; m >= bestMoves; m--) {
                        int v = moved[m];
                        int from = where[v];
                        moveBack(v, from);
                    }
                    cut = bestCut;
                    if (bestCut >= startCut) {
                        break;
                    }
                }
            }

            /** Moves v to the other side, locks it, and updates its unlocked neighbours' gains. */
            void move(int v, int from) {
                locked[v] = true;
                shift(v, from, true);
            }

            /** Undoes a move while rolling back: the same bookkeeping, no heaps. */
            void moveBack(int v, int from) {
                shift(v, from, false);
            }

            private void shift(int v, int from, boolean updateHeaps) {
                int to = 1 - from;
                where[v] = to;
                pw[from] -= g.vwgt[v];
                pw[to] += g.vwgt[v];
                int t = id[v];
                id[v] = ed[v];
                ed[v] = t;
                for (int p = g.xadj[v]; p < g.xadj[v + 1]; p++) {
                    int u = g.adj[p];
                    int w = g.ewgt[p];
                    if (where[u] == to) {
                        id[u] += w;
                        ed[u] -= w;
                    } else {
                        id[u] -= w;
                        ed[u] += w;
                    }
                    if (updateHeaps && !locked[u]) {
                        GainHeap hu = heaps[where[u]];
                        if (ed[u] > 0) {
                            if (hu.contains(u)) {
                                hu.update(u, ed[u] - id[u]);
                            } else {
                                hu.insert(u, ed[u] - id[u]);
                            }
                        } else if (hu.contains(u)) {
                            hu.remove(u);
                        }
                    }
                }
            }
        }
    }

    /**
     * Fiduccia-Mattheyses passes on a vertex separator (as Ashcraft and Liu, and METIS after them,
     * refine one): a separator vertex moves to side s, and its neighbours on the other side enter
     * the separator; the gain is the weight that leaves the separator less the weight that enters.
     * Each pass moves the best vertex while no side grows beyond {@value #SIDE_LIMIT} of the total,
     * even through losses, and keeps the prefix of its moves with the lightest separator (then the
     * better balance). A vertex that left the separator is locked for the pass; one that entered it
     * may only go on toward the side whose move pulled it in, so the pass cannot cycle.
     * Workspaces are sized once for the largest graph and reused by every level and piece.
     */
    private static final class SeparatorRefiner {
        /** No side may exceed this fraction of the total weight after a move. */
        static final double SIDE_LIMIT = 0.6;
        static final int PASSES = 10;
        /** Moves past the best prefix before a pass gives up (METIS's limit for vertex passes). */
        static final int MOVE_LIMIT = 300;
        private final GainHeap[] heaps;
        /** Weight of each separator vertex's neighbours on side 0 and on side 1. */
        private final int[] toSide0;
        private final int[] toSide1;
        /** 0 untouched in this pass, 1 locked (left the separator), 2 entered it. */
        private final byte[] state;
        private final int[] separator;
        private final int[] touched;
        /** The pass's changes of side, in order: vertex and the side it had before. */
        private final int[] logVertex;
        private final byte[] logSide;
        private final int[] pw = new int[3];

        SeparatorRefiner(int n) {
            heaps = new GainHeap[] {new GainHeap(n), new GainHeap(n)};
            toSide0 = new int[n];
            toSide1 = new int[n];
            state = new byte[n];
            separator = new int[n];
            touched = new int[n];
            logVertex = new int[3 * n + 1];
            logSide = new byte[3 * n + 1];
        }

        void refine(Graph g, int[] where) {
            int n = g.n;
            int[] vw = g.vwgt;
            pw[0] = 0;
            pw[1] = 0;
            pw[2] = 0;
            int sep = 0;
            for (int v = 0; v < n; v++) {
                pw[where[v]] += vw[v];
                if (where[v] == 2) {
                    separator[sep++] = v;
                }
            }
            int maxSide = (int) (SIDE_LIMIT * g.totalWeight);
            for (int pass = 0; pass < PASSES && sep > 0; pass++) {
                heaps[0].clear();
                heaps[1].clear();
                int nTouched = 0;
                for (int k = 0; k < sep; k++) {
                    int v = separator[k];
                    sideWeights(g, where, v);
                    heaps[0].insert(v, vw[v] - toSide1[v]);
                    heaps[1].insert(v, vw[v] - toSide0[v]);
                    state[v] = 0;
                    touched[nTouched++] = v;
                }
                int startSep = pw[2];
                int bestSep = pw[2];
                int bestImbalance = Math.abs(pw[0] - pw[1]);
                int bestLog = 0;
                int moves = 0;
                int bestMoves = 0;
                int log = 0;
                int limit = Math.min(MOVE_LIMIT, 2 * sep + 10);
                while (true) {
                    int to;
                    boolean has0 = heaps[0].size() > 0;
                    boolean has1 = heaps[1].size() > 0;
                    if (has0 && has1) {
                        int g0 = heaps[0].topKey();
                        int g1 = heaps[1].topKey();
                        to = g0 > g1 ? 0 : g0 < g1 ? 1 : pass & 1;
                        if (pw[to] + vw[heaps[to].top()] > maxSide) {
                            to = 1 - to;
                        }
                    } else if (has0) {
                        to = 0;
                    } else if (has1) {
                        to = 1;
                    } else {
                        break;
                    }
                    int v = heaps[to].top();
                    if (pw[to] + vw[v] > maxSide) {
                        break;
                    }
                    int other = 1 - to;
                    heaps[to].remove(v);
                    if (heaps[other].contains(v)) {
                        heaps[other].remove(v);
                    }
                    state[v] = 1;
                    logVertex[log] = v;
                    logSide[log++] = 2;
                    where[v] = to;
                    pw[2] -= vw[v];
                    pw[to] += vw[v];
                    int[] toTo = to == 0 ? toSide0 : toSide1;
                    int[] toOther = to == 0 ? toSide1 : toSide0;
                    for (int p = g.xadj[v]; p < g.xadj[v + 1]; p++) {
                        int k = g.adj[p];
                        if (where[k] == 2) {
                            // one more neighbour on side `to`: moving k to the other side pulls more in
                            toTo[k] += vw[v];
                            if (heaps[other].contains(k)) {
                                heaps[other].update(k, vw[k] - toTo[k]);
                            }
                        } else if (where[k] == other) {
                            logVertex[log] = k;
                            logSide[log++] = (byte) other;
                            where[k] = 2;
                            pw[other] -= vw[k];
                            pw[2] += vw[k];
                            if (state[k] == 0 && !heaps[to].contains(k)) {
                                touched[nTouched++] = k;
                            }
                            sideWeights(g, where, k);
                            for (int q = g.xadj[k]; q < g.xadj[k + 1]; q++) {
                                int kk = g.adj[q];
                                if (where[kk] == 2 && kk != v) {
                                    // kk lost a neighbour on side `other`: moving it to `to` pulls less in
                                    toOther[kk] -= vw[k];
                                    if (heaps[to].contains(kk)) {
                                        heaps[to].update(kk, vw[kk] - toOther[kk]);
                                    }
                                }
                            }
                            if (state[k] != 1) {
                                state[k] = 2;
                                heaps[to].insert(k, vw[k] - toOther[k]);
                            }
                        }
                    }
                    moves++;
                    int imbalance = Math.abs(pw[0] - pw[1]);
                    if (pw[2] < bestSep || (pw[2] == bestSep && imbalance < bestImbalance)) {
                        bestSep = pw[2];
                        bestImbalance = imbalance;
                        bestLog = log;
                        bestMoves = moves;
                    } else if (moves - bestMoves > 2 * limit
                            || (moves - bestMoves > limit && pw[2] > 1.1 * bestSep)) {
                        break;
                    }
                }
                // roll back the moves after the best prefix
                for (int e = log - 1; e >= bestLog; e--) {
                    int v = logVertex[e];
                    pw[where[v]] -= vw[v];
                    where[v] = logSide[e];
                    pw[where[v]] += vw[v];
                }
                // the new separator: among the old one and every vertex the pass touched
                int count = 0;
                for (int k = 0; k < nTouched; k++) {
                    int v = touched[k];
                    state[v] = 0;
                    if (where[v] == 2) {
                        separator[count++] = v;
                    }
                }
                sep = count;
                if (bestSep >= startSep) {
                    break;
                }
            }
            heaps[0].clear();
            heaps[1].clear();
        }

        private void sideWeights(Graph g, int[] where, int v) {
            int a = 0;
            int b = 0;
            for (int p = g.xadj[v]; p < g.xadj[v + 1]; p++) {
                int u = g.adj[p];
                if (where[u] == 0) {
                    a += g.vwgt[u];
                } else if (where[u] == 1) {
                    b += g.vwgt[u];
                }
            }
            toSide0[v] = a;
            toSide1[v] = b;
        }
    }

    /** A binary max-heap of vertices keyed by gain, with positions for updates and removals. */
    private static final class GainHeap {
        private final int[] heap;
        private final int[] key;
        private final int[] pos;
        private int size;

        GainHeap(int n) {
            heap = new int[n];
            key = new int[n];
            pos = new int[n];
            Arrays.fill(pos, -1);
        }

        int size() {
            return size;
        }

        void clear() {
            for (int i = 0; i < size; i++) {
                pos[heap[i]] = -1;
            }
            size = 0;
        }

        boolean contains(int v) {
            return pos[v] >= 0;
        }

        int top() {
            return heap[0];
        }

        int topKey() {
            return key[heap[0]];
        }

        void insert(int v, int k) {
            key[v] = k;
            heap[size] = v;
            pos[v] = size;
            up(size++);
        }

        void update(int v, int k) {
            int old = key[v];
            key[v] = k;
            if (k > old) {
                up(pos[v]);
            } else {
                down(pos[v]);
            }
        }

        void remove(int v) {
            int i = pos[v];
            pos[v] = -1;
            size--;
            if (i == size) {
                return;
            }
            int last = heap[size];
            heap[i] = last;
            pos[last] = i;
            up(i);
            down(pos[last]);
        }

        private void up(int i) {
            int v = heap[i];
            while (i > 0) {
                int parent = (i - 1) >> 1;
                int u = heap[parent];
                if (key[u] >= key[v]) {
                    break;
                }
                heap[i] = u;
                pos[u] = i;
                i = parent;
            }
            heap[i] = v;
            pos[v] = i;
        }

        private void down(int i) {
            int v = heap[i];
            while (true) {
                int c = 2 * i + 1;
                if (c >= size) {
                    break;
                }
                if (c + 1 < size && key[heap[c + 1]] > key[heap[c]]) {
                    c++;
                }
                int u = heap[c];
                if (key[u] <= key[v]) {
                    break;
                }
                heap[i] = u;
                pos[u] = i;
                i = c;
            }
            heap[i] = v;
            pos[v] = i;
        }
    }
}
