package org.memspice.spice.linalg;

import java.util.Arrays;
import java.util.concurrent.Future;
import org.ejml.data.DMatrixSparseCSC;

/**
 * Sparse LU factorization for circuit matrices. On the first {@link #factor} it analyses the
 * matrix once:
 * <ol>
 * <li>rows are paired with columns so that the diagonal is nonzero where the matrix allows it (a
 * voltage source's branch row, whose diagonal is zero, is paired with one of its nodes: shortest
 * augmenting paths over the nonzero entries, as in Duff's maximum transversal);</li>
 * <li>a fill-reducing symmetric order of that row-paired matrix is chosen by predicted fill
 * between approximate minimum degree ({@link MinimumDegreeOrdering}) and, for large matrices,
 * nested dissection ({@link NestedDissection}) ({@link Ordering});</li>
 * <li>the static structure of L and U is computed from the elimination tree (the symbolic
 * Cholesky factor of the symmetrized pattern, which contains the LU factors of any matrix with
 * that pattern factored along its diagonal), and the numeric factorization runs along it with no
 * search at all.</li>
 * </ol>
 * A pivot that is too small against its column (threshold 10<sup>-3</sup>) abandons the static
 * structure for a left-looking Gilbert-Peierls factorization (depth-first searches with
 * symmetric pruning) with threshold partial pivoting that prefers the paired diagonal. Every later Newton iteration and time step refactors numerically
 * along the same pivot sequence and L/U patterns; a refactorization whose pivot falls below the
 * threshold falls back to the pivoting factorization.
 *
 * <p>The matrix pattern is fixed at construction (compressed sparse columns, 0-based).
 */
public final class SparseLu {
    private static final double PIVOT_TOLERANCE = 1e-3;
    /**
     * The first factorization keeps a static pivot only when it is at least this fraction of the
     * largest entry below it: rows were paired by structure, not by size, so a marginal pivot
     * there is left to partial pivoting (later refactorizations use {@link #PIVOT_TOLERANCE}).
     */
    private static final double STATIC_PIVOT_TOLERANCE = 0.1;
    /**
     * Under {@link Ordering#AUTO}, nested dissection is tried when the factorizations expected
     * ({@link #expectFactorizations}) times minimum degree's predicted flops exceed this many flops
     * per entry of A + A<sup>T</sup> off its diagonal and level of bisection (|A + A<sup>T</sup>|
     * log<sub>2</sub> n). The dissection costs about 55 ns per entry and level (1024x1024 crossbar:
     * 7.3 s for 6.3 million entries and 21 levels, by temporary timers; the numeric factorization
     * runs at 7.5-8.5 GFlop/s, so about 440 flop-times), and saves 40-50 % of minimum degree's flops on the
     * crossbars of BENCHMARKS.md. A lone 1024x1024 operating point, at 715 flops per entry and
     * level, was measured faster on minimum degree (94.5 GFlop in 12.5 s against the dissection's
     * 53.1 GFlop in 6.6 s after 8 s of ordering), so the threshold lies above that.
     */
    static final double DISSECTION_TRIAL_FLOPS = 800;
    /**
     * Nor below this many unknowns: in a fresh JVM a small dissection runs mostly before its code
     * is compiled, at several times that cost (the 64x64 memristor crossbar transient of
     * BENCHMARKS.md, 28,800 unknowns and 114 factorizations: nested dissection cut L+U by 5 % and
     * made the analysis 0.3 s slower).
     */
    static final int DISSECTION_TRIAL_UNKNOWNS = 50_000;

    /** How the fill-reducing order is chosen. */
    public enum Ordering {
        /**
         * Approximate minimum degree; nested dissection too when the factorizations expected are
         * predicted to be expensive enough to pay for it, and the one whose factorization and
         * solve take fewer predicted flops wins.
         */
        AUTO,
        /** Approximate minimum degree only. */
        MINIMUM_DEGREE,
        /** Nested dissection only. */
        NESTED_DISSECTION
    }

    private final int n;
    private final int[] ap;
    private final int[] ai;
    private final Ordering ordering;
    /** The factors, permutations and supernodes: what every factorization fills and {@link #solve} reads. */
    private final LuFactors f;
    private final double[] work;
    private final double[] solveWork;
    private final int[] xi;
    private final int[] pstack;
    private final int[] marks;
    /** End of the part of each L column the depth-first search still follows (symmetric pruning). */
    private final int[] lpend;
    private int stamp;

    private boolean factored;
    private int fullFactorizations;
    private int refactorizations;
    private int pivotingFactorizations;

    // the analysis of the first factorization
    private boolean analysed;
    private boolean staticLoaded;
    private int[] rowOfColumn;
    private SymmetricPattern paired;
    private Ordering chosen;
    private EliminationTree.Prediction prediction;
    private double analysisSeconds;
    private double expectedFactorizations = 1;

    /** For the pattern of an EJML compressed-sparse-column matrix (square). */
    public SparseLu(DMatrixSparseCSC pattern) {
        this(pattern.numCols, Arrays.copyOf(pattern.col_idx, pattern.numCols + 1),
                Arrays.copyOf(pattern.nz_rows, pattern.nz_length));
    }

    /** Factors {@code a}, which must have the pattern given at construction. */
    public void factor(DMatrixSparseCSC a) {
        factor(a.nz_values);
    }

    public SparseLu(int n, int[] colPtr, int[] rowIdx) {
        this(n, colPtr, rowIdx, Ordering.AUTO);
    }

    public SparseLu(int n, int[] colPtr, int[] rowIdx, Ordering ordering) {
        this.n = n;
        this.ap = colPtr;
        this.ai = rowIdx;
        this.ordering = ordering;
        this.f = new LuFactors(n);
        this.work = new double[n];
        this.main = new ColumnKernel(f, colPtr, rowIdx, work);
        this.solveWork = new double[n];
        this.xi = new int[n];
        this.pstack = new int[n];
        this.marks = new int[n];
        this.lpend = new int[n];
    }

    /** Factors the matrix with values {@code ax} (aligned with the pattern); reuses the symbolic analysis when it can. */
    public void factor(double[] ax) {
        if (factored && refactor(ax, PIVOT_TOLERANCE)) {
            refactorizations++;
            return;
        }
        if (!analysed) {
            long t0 = System.nanoTime();
            analyse(ax);
            analysisSeconds = (System.nanoTime() - t0) / 1e9;
        }
        fullFactorizations++;
        if (!staticLoaded) {
            loadStaticStructure();
        }
        if (refactor(ax, STATIC_PIVOT_TOLERANCE)) {
            factored = true;
            return;
        }
        fullFactor(ax);
        pivotingFactorizations++;
    }

    /** Forgets the pivot sequence so that the next {@link #factor} pivots afresh. */
    public void invalidate() {
        factored = false;
    }

    /**
     * Drops the factors' storage (the ordering stays): the next factorization builds the static
     * structure again. For a caller done factoring, so that the factors of a large matrix do not
     * stay reachable.
     */
    public void release() {
        factored = false;
        staticLoaded = false;
        f.supernodeEnd = null;
        f.groupStart = null;
        team = null;
        f.li = new int[0];
        f.lx = new double[0];
        f.ui = new int[0];
        f.ux = new double[0];
        main.release();
        helpers = null;
    }

    public int fullFactorizations() {
        return fullFactorizations;
    }

    public int refactorizations() {
        return refactorizations;
    }

    /** Full factorizations that left the static structure for partial pivoting. */
    public int pivotingFactorizations() {
        return pivotingFactorizations;
    }

    /** Fill-in: nonzeros of L and U together (saturating at the largest int). */
    public int factorNonZeros() {
        return (int) Math.min(Integer.MAX_VALUE, (long) f.lp[n] + f.up[n]);
    }

    /** Floating-point operations of one numeric factorization along the current L and U. */
    public double factorFlops() {
        double flops = 0;
        for (int k = 0; k < n; k++) {
            flops += columnFlops(k);
        }
        return flops;
    }

    /** Flops of column k: its L entries, and two per L entry of each column it is updated by (whole numbers: exact). */
    private double columnFlops(int k) {
        double flops = f.lp[k + 1] - f.lp[k];
        int diag = f.up[k + 1] - 1;
        for (int p = f.up[k]; p < diag; p++) {
            int j = f.ui[p];
            flops += 2.0 * (f.lp[j + 1] - f.lp[j]);
        }
        return flops;
    }

    /** The ordering the analysis chose (null before the first factorization). */
    public Ordering chosenOrdering() {
        return chosen;
    }

    /** Seconds the first factorization spent on pairing, ordering and symbolic analysis. */
    public double analysisSeconds() {
        return analysisSeconds;
    }

    /** The column order (step k eliminates column {@code columnOrder()[k]}); null before the analysis. */
    public int[] columnOrder() {
        return f.q;
    }

    /** Columns factored together where the static structure allows ({@link #groups}). */
    static final int GROUP = 4;
    /** Tests turn grouping off to compare (the factors agree to rounding either way). */
    static volatile boolean groupColumns = true;
    /**
     * Groups only where a factorization is predicted to take at least this many flops: smaller
     * factors stay in cache, and the grouped kernel's larger code runs longer before it is
     * compiled (the 64x64 memristor crossbar transients, 17-18 MFlop per factorization, lost
     * 0.07-0.09 s of 0.8-3.3 s with it; the 256x256 crossbar's single 1.2 GFlop factorization
     * broke even in a fresh JVM).
     */
    static final double GROUP_MIN_FLOPS = 1e8;
    /** {@link #GROUP_MIN_FLOPS}, lowered by tests to group small matrices. */
    static volatile double groupMinFlops = GROUP_MIN_FLOPS;
    /** The calling thread's column kernel, whose scattered column is {@link #work}. */
    private final ColumnKernel main;
    /** The kernels of a shared factorization, {@link #main} first; null until one runs. */
    private ColumnKernel[] helpers;
    /**
     * Threads that share a factorization of at least {@link #PARALLEL_MIN_FLOPS} (tests set it).
     * Each column is computed by the same operations on any thread, so the factors do not depend on it.
     */
    static volatile int threads = Runtime.getRuntime().availableProcessors();
    /** More threads than this only contend for memory bandwidth. */
    static final int MAX_THREADS = 4;
    /** The smallest predicted factorization shared among threads (see {@link #GROUP_MIN_FLOPS}). */
    static final double PARALLEL_MIN_FLOPS = 1e8;
    /** {@link #PARALLEL_MIN_FLOPS}, lowered by tests to share small matrices. */
    static volatile double parallelMinFlops = PARALLEL_MIN_FLOPS;
    /**
     * A factorization that could be shared ({@link #PARALLEL_MIN_FLOPS}) is shared only once it
     * predicts this many flops itself, or once the process has finished this many flops of
     * factorizations: until then the JIT is still compiling the kernel, and a helper thread only
     * takes the processor the compiler needs. The 256x256 crossbar's `.op` (one factorization of
     * 1.2 GFlop in a fresh JVM) took 1.07-1.93 s shared against 1.05-1.25 s on one thread (six
     * alternating runs), while a warm refactorization of it takes 0.10 s shared against 0.145 s
     * (FactorBench); the 512x512 `.op` (10 GFlop) is faster shared from the first (BENCHMARKS.md).
     */
    static final double WARM_FLOPS = 4e9;
    /** {@link #WARM_FLOPS}, set by tests. */
    static volatile double warmFlops = WARM_FLOPS;
    /**
     * Predicted flops of the factorizations along a static structure (the kernel that can be
     * shared) this process has finished, over all instances.
     */
    private static final java.util.concurrent.atomic.DoubleAdder FACTORED_FLOPS =
            new java.util.concurrent.atomic.DoubleAdder();
    /** Factorizations of the present structure that ran shared ({@link #factorThreads}). */
    private int sharedRuns;
    /**
     * Predicted flops of the smallest unit of columns a thread takes at a time when it shares a
     * factorization (about 0.15 ms: the team's bookkeeping per unit is a fraction of a microsecond).
     */
    static final double UNIT_FLOPS = 1e6;
    /** {@link #UNIT_FLOPS}, lowered by tests to cut small matrices into many units. */
    static volatile double unitFlops = UNIT_FLOPS;
    /**
     * Independent subtrees per thread, about: a subtree is one unit when it costs at most the whole
     * over this many per thread. The 1024x1024 crossbar's refactorization (94.5 GFlop, two
     * threads) took 10.2-11.8 s at 8, 11.8-12.8 s at 32 and 12.0-13.4 s at 16
     * (bench/CrossbarLu.java, alternating runs).
     */
    static final double UNITS_PER_THREAD = 8;
    /** The units of a shared factorization of the static structure; null when it is not shared. */
    private ColumnTeam team;

    /** The elimination tree and column counts of the chosen order, from the analysis, until the static structure uses them. */
    private int[] treeParent;
    private int[] treeCounts;
    private int[] amdTree;
    private int[] amdCounts;

    /** Pairs rows with columns, orders, and keeps what the static structure is built from. */
    private void analyse(double[] ax) {
        rowOfColumn = new int[n];
        pairRows(ax, rowOfColumn);
        int[] colOfRow = new int[n];
        for (int j = 0; j < n; j++) {
            colOfRow[rowOfColumn[j]] = j;
        }
        int nz = ap[n];
        int[] bi = new int[nz];
        for (int p = 0; p < nz; p++) {
            bi[p] = colOfRow[ai[p]];
        }
        paired = SymmetricPattern.of(n, ap, bi, 0);
        bi = null;
        int[] amd = null;
        EliminationTree.Prediction amdPrediction = null;
        if (ordering != Ordering.NESTED_DISSECTION) {
            amd = new int[n];
            int cnz = paired.colPtr[n];
            int[] cp = Arrays.copyOf(paired.colPtr, n + 1);
            int[] ci = Arrays.copyOf(paired.rowIdx, cnz + cnz / 5 + 2 * n);
            System.arraycopy(MinimumDegreeOrdering.amd(n, cp, ci, cnz), 0, amd, 0, n);
            amdTree = new int[n];
            amdCounts = new int[n];
            amdPrediction = EliminationTree.predict(paired, amd, amdTree, amdCounts);
        }
        int[] nd = null;
        EliminationTree.Prediction ndPrediction = null;
        boolean tryDissection = ordering == Ordering.NESTED_DISSECTION
                || (ordering == Ordering.AUTO && n >= DISSECTION_TRIAL_UNKNOWNS
                        && expectedFactorizations * amdPrediction.flops()
                        > DISSECTION_TRIAL_FLOPS * paired.nonZeros() * Math.max(1, Math.log(n) / Math.log(2)));
        int[] ndTree = null;
        int[] ndCounts = null;
        if (tryDissection) {
            nd = new int[n];
            NestedDissection.order(paired, nd);
            ndTree = new int[n];
            ndCounts = new int[n];
            ndPrediction = EliminationTree.predict(paired, nd, ndTree, ndCounts);
        }
        if (nd != null && (amd == null || work(ndPrediction) < work(amdPrediction))) {
            f.q = nd;
            prediction = ndPrediction;
            chosen = Ordering.NESTED_DISSECTION;
            treeParent = ndTree;
            treeCounts = ndCounts;
        } else {
            f.q = amd;
            prediction = amdPrediction;
            chosen = Ordering.MINIMUM_DEGREE;
            treeParent = amdTree;
            treeCounts = amdCounts;
        }
        amdTree = null;
        amdCounts = null;
        analysed = true;
    }

    /**
     * Predicted flops of a factorization and one solve: the solve's multiply and add per entry of
     * L and of U (about twice the lower triangle's).
     */
    private static double work(EliminationTree.Prediction p) {
        return p.flops() + 4.0 * p.lowerNonZeros();
    }

    /**
     * How many factorizations of this pattern the caller expects (1 unless told): a transient
     * refactors at many of its time points, and a costlier ordering pays for itself sooner.
     * Must be called before the first factorization.
     */
    public void expectFactorizations(double count) {
        if (!(count >= 1) || Double.isInfinite(count)) {
            throw new IllegalArgumentException("expected factorizations must be finite and at least 1: " + count);
        }
        if (analysed) {
            throw new IllegalStateException("the ordering is already chosen");
        }
        expectedFactorizations = count;
    }

    /** The prediction of the chosen ordering (null before the first factorization). */
    public EliminationTree.Prediction prediction() {
        return prediction;
    }

    /**
     * Pairs every column with a row so that the entries on the paired diagonal are nonzero:
     * nonzero diagonals keep their own row; every other column gets one by the shortest
     * augmenting path over nonzero entries; columns left without one keep a free row.
     */
    private void pairRows(double[] ax, int[] rowOf) {
        int[] colOf = new int[n];
        Arrays.fill(colOf, -1);
        Arrays.fill(rowOf, -1);
        for (int j = 0; j < n; j++) {
            for (int p = ap[j]; p < ap[j + 1]; p++) {
                if (ai[p] == j && ax[p] != 0) {
                    rowOf[j] = j;
                    colOf[j] = j;
                }
            }
        }
        int[] queue = xi;
        int[] parentCol = pstack;
        int[] seen = marks;
        for (int j = 0; j < n; j++) {
            if (rowOf[j] >= 0) {
                continue;
            }
            // breadth first over columns: from column c, a nonzero row r leads to colOf[r]
            int mark = ++stamp;
            int head = 0;
            int tail = 0;
            queue[tail++] = j;
            int freeRow = -1;
            int freeFrom = -1;
            while (head < tail && freeRow < 0) {
                int c = queue[head++];
                for (int p = ap[c]; p < ap[c + 1]; p++) {
                    int r = ai[p];
                    if (ax[p] == 0 || seen[r] == mark) {
                        continue;
                    }
                    seen[r] = mark;
                    parentCol[r] = c;
                    if (colOf[r] < 0) {
                        freeRow = r;
                        freeFrom = c;
                        break;
                    }
                    queue[tail++] = colOf[r];
                }
            }
            if (freeRow < 0) {
                continue;
            }
            // augment: walk back along the path
            int r = freeRow;
            int c = freeFrom;
            while (true) {
                int previous = rowOf[c];
                rowOf[c] = r;
                colOf[r] = c;
                if (c == j) {
                    break;
                }
                r = previous;
                c = parentCol[r];
            }
        }
        stamp++;
        // columns with no pairing keep their own row if free, else any free row
        int nextFree = 0;
        for (int j = 0; j < n; j++) {
            if (rowOf[j] >= 0) {
                continue;
            }
            if (colOf[j] < 0) {
                rowOf[j] = j;
                colOf[j] = j;
                continue;
            }
            while (colOf[nextFree] >= 0) {
                nextFree++;
            }
            rowOf[j] = nextFree;
            colOf[nextFree] = j;
        }
    }

    /**
     * The static L and U structure of the chosen order from the elimination tree: column k of U is
     * row k of the symbolic Cholesky factor in a topological order (the row subtree), and column j
     * of L lists the later steps whose row subtree contains j.
     */
    private void loadStaticStructure() {
        int[] pinvSym = new int[n];
        for (int k = 0; k < n; k++) {
            pinvSym[f.q[k]] = k;
            int row = rowOfColumn[f.q[k]];
            f.pinv[row] = k;
            f.prow[k] = row;
        }
        int[] parent = treeParent;
        int[] colCount = treeCounts;
        int[] mark = new int[n]; // not marks: the depth-first search relies on its stamps
        long total;
        if (parent != null) {
            // the analysis computed them for this order
            total = 0;
            for (int k = 0; k < n; k++) {
                total += colCount[k];
            }
            treeParent = null;
            treeCounts = null;
        } else {
            parent = new int[n];
            EliminationTree.parents(paired, f.q, pinvSym, parent, mark);
            colCount = new int[n];
            total = EliminationTree.counts(paired, f.q, pinvSym, parent, colCount, mark);
        }
        if (total + n > Integer.MAX_VALUE - 16) {
            throw new IllegalStateException("LU factors of " + total + " entries exceed one array");
        }
        int lnz = (int) total;
        f.lp[0] = 0;
        for (int k = 0; k < n; k++) {
            f.lp[k + 1] = f.lp[k] + colCount[k];
        }
        f.supernodeEnd = supernodes(parent, colCount);
        boolean newL = f.li.length < lnz;
        boolean newU = f.ui.length < lnz + n;
        // A factorization large enough to be shared allocates its values (two thirds of the
        // factors' memory) on another thread while this one builds the structure: the JVM zeroes
        // a new array, and fresh memory can be slow to come (bench/fresh-memory.c; the 1024x1024
        // crossbar's factors, 144.8 million entries of 12 bytes, 1.7 GB, took 3.2-3.9 s to
        // allocate in one thread)
        Future<double[][]> values = null;
        if ((newL || newU) && shared()) {
            double[] oldL = f.lx;
            double[] oldU = f.ux;
            values = ColumnTeam.background(() -> new double[][] {
                newL ? new double[lnz] : oldL, newU ? new double[lnz + n] : oldU});
        } else {
            f.lx = newL ? new double[lnz] : f.lx;
            f.ux = newU ? new double[lnz + n] : f.ux;
        }
        f.li = newL ? new int[lnz] : f.li;
        f.ui = newU ? new int[lnz + n] : f.ui;
        int[] fill = colCount; // reused as the insertion point of each L column
        System.arraycopy(f.lp, 0, fill, 0, n);
        int[] cp = paired.colPtr;
        int[] ci = paired.rowIdx;
        Arrays.fill(mark, -1);
        int unz = 0;
        for (int k = 0; k < n; k++) {
            f.up[k] = unz;
            mark[k] = k;
            unz += staticColumn(k, cp, ci, pinvSym, parent, mark, fill) + 1; // one call per column: compiled early
        }
        f.up[n] = unz;
        // U column k is row k of L's structure: the transpose of L (whose columns were filled in
        // ascending row order) lists it in ascending order, the diagonal last, so the runs of a
        // supernode are as long as they can be and the columns below s0 come first
        int[] at = mark;
        System.arraycopy(f.up, 0, at, 0, n);
        for (int j = 0; j < n; j++) {
            for (int l = f.lp[j]; l < f.lp[j + 1]; l++) {
                f.ui[at[f.li[l]]++] = j;
            }
        }
        for (int k = 0; k < n; k++) {
            f.ui[f.up[k + 1] - 1] = k;
        }
        f.groupStart = groups(f.supernodeEnd);
        main.scratch(f.groupStart != null);
        team = team(parent);
        sharedRuns = 0;
        if (values != null) {
            double[][] v = ColumnTeam.join(values);
            f.lx = v[0];
            f.ux = v[1];
        }
        Arrays.fill(work, 0);
        staticLoaded = true;
    }

    /**
     * Where a refactorization factors four columns k..k+3 together: all four in one supernode, so
     * that most of their U entries above k are the same columns (all of the supernode's own
     * columns before k, and much of what lies below it), whose L columns are then read once for
     * the four. True at the first column of each group; null when no group exists or grouping is off.
     */
    private boolean[] groups(int[] end) {
        if (!groupColumns || prediction == null || prediction.flops() < groupMinFlops) {
            return null;
        }
        boolean[] start = null;
        int widest = 0;
        for (int s0 = 0; s0 < n; s0 = end[s0] + 1) {
            for (int k = s0; k + GROUP - 1 <= end[s0]; k += GROUP) {
                if (start == null) {
                    start = new boolean[n];
                }
                start[k] = true;
                widest = Math.max(widest, end[s0] - s0 + 1);
            }
        }
        f.groupWidest = widest;
        return start;
    }

    /** Whether the factorization of the present analysis is shared among threads. */
    private boolean shared() {
        return threads > 1 && prediction != null && prediction.flops() >= parallelMinFlops;
    }

    /**
     * The team of a factorization shared among {@link #threads}, when the prediction is large
     * enough; null for a factorization left to one thread. {@link ColumnTeam#alongTree} cuts the
     * columns into units by the elimination tree and their {@link #columnFlops}.
     */
    private ColumnTeam team(int[] parent) {
        if (!shared()) {
            return null;
        }
        double[] cost = new double[n];
        double total = 0;
        for (int k = 0; k < n; k++) {
            cost[k] = columnFlops(k);
            total += cost[k];
        }
        double share = Math.max(unitFlops, total / (UNITS_PER_THREAD * Math.min(threads, MAX_THREADS)));
        return ColumnTeam.alongTree(parent, cost, f.groupStart, GROUP, share);
    }

    /**
     * Row k of L (the row subtree of step k): k appended to the L columns it touches; returns how
     * many (U column k's entries above the diagonal).
     */
    private int staticColumn(int k, int[] cp, int[] ci, int[] pinvSym, int[] parent, int[] mark, int[] fill) {
        int[] s = xi;
        int top = n;
        int v = f.q[k];
        for (int p = cp[v]; p < cp[v + 1]; p++) {
            int i = pinvSym[ci[p]];
            if (i > k) {
                continue;
            }
            int len = 0;
            for (; mark[i] != k; i = parent[i]) {
                pstack[len++] = i;
                mark[i] = k;
            }
            while (len > 0) {
                s[--top] = pstack[--len];
            }
        }
        for (int p = top; p < n; p++) {
            f.li[fill[s[p]]++] = k;
        }
        return n - top;
    }

    /** Each column's supernode end ({@link LuFactors#supernodeEnd}), from the elimination tree and column counts. */
    private int[] supernodes(int[] parent, int[] colCount) {
        int[] end = new int[n];
        int maxRows = 0;
        for (int j = n - 1; j >= 0; j--) {
            boolean joins = j + 1 < n && parent[j] == j + 1 && colCount[j] == colCount[j + 1] + 1;
            end[j] = joins ? end[j + 1] : j;
            maxRows = Math.max(maxRows, colCount[j]);
        }
        f.runRows = maxRows;
        return end;
    }

    private void fullFactor(double[] ax) {
        factored = false;
        staticLoaded = false;
        f.supernodeEnd = null;
        f.groupStart = null;
        team = null;
        if (f.li.length < n) {
            int guess = 4 * ap[n] + n;
            f.li = new int[guess];
            f.lx = new double[guess];
            f.ui = new int[guess];
            f.ux = new double[guess];
        }
        Arrays.fill(f.pinv, -1);
        int lnz = 0;
        int unz = 0;
        double[] x = work;
        for (int k = 0; k < n; k++) {
            f.lp[k] = lnz;
            f.up[k] = unz;
            if (lnz + n > f.li.length) {
                int size = Math.max(2 * f.li.length, lnz + n);
                f.li = Arrays.copyOf(f.li, size);
                f.lx = Arrays.copyOf(f.lx, size);
            }
            if (unz + n > f.ui.length) {
                int size = Math.max(2 * f.ui.length, unz + n);
                f.ui = Arrays.copyOf(f.ui, size);
                f.ux = Arrays.copyOf(f.ux, size);
            }
            int col = f.q[k];
            int top = reach(col);
            for (int p = top; p < n; p++) {
                x[xi[p]] = 0;
            }
            for (int p = ap[col]; p < ap[col + 1]; p++) {
                x[ai[p]] = ax[p];
            }
            for (int px = top; px < n; px++) {
                int i = xi[px];
                int j = f.pinv[i];
                if (j < 0) {
                    continue;
                }
                double xj = x[i];
                for (int p = f.lp[j]; p < f.lp[j + 1]; p++) {
                    x[f.li[p]] -= f.lx[p] * xj;
                }
            }
            int ipiv = -1;
            double max = -1;
            for (int px = top; px < n; px++) {
                int i = xi[px];
                if (f.pinv[i] < 0) {
                    double t = Math.abs(x[i]);
                    if (t > max) {
                        max = t;
                        ipiv = i;
                    }
                } else {
                    f.ui[unz] = f.pinv[i];
                    f.ux[unz++] = x[i];
                }
            }
            if (ipiv < 0 || max <= 0 || !Double.isFinite(max)) {
                throw new SingularMatrixException(col);
            }
            int preferred = rowOfColumn != null ? rowOfColumn[col] : col; // the row paired with col
            if (f.pinv[preferred] < 0 && Math.abs(x[preferred]) >= PIVOT_TOLERANCE * max) {
                ipiv = preferred;
            }
            double pivot = x[ipiv];
            f.ui[unz] = k;
            f.ux[unz++] = pivot;
            f.inversePivot[k] = 1 / pivot;
            f.pinv[ipiv] = k;
            f.prow[k] = ipiv;
            for (int px = top; px < n; px++) {
                int i = xi[px];
                if (f.pinv[i] < 0) {
                    f.li[lnz] = i;
                    f.lx[lnz++] = x[i] / pivot;
                }
                x[i] = 0;
            }
            lpend[k] = lnz;
            prune(ipiv, f.up[k], unz - 1);
        }
        f.lp[n] = lnz;
        f.up[n] = unz;
        for (int p = 0; p < lnz; p++) {
            f.li[p] = f.pinv[f.li[p]];
        }
        // U columns stay in the topological order of the search: the refactorization needs no more
        f.supernodeEnd = supernodesOfPivotingStructure();
        factored = true;
    }

    /**
     * After a pivoting factorization: each L column's rows sorted ascending (with their values)
     * and the supernodes of that structure, so that its refactorizations update a column by runs,
     * as the static structure's do (the refactorizations of a crossbar of behavioural memristors
     * that once pivoted ran column by column: most of its time). Column j joins column j + 1 when
     * its rows are j + 1 followed by exactly those of j + 1. Sorting changes no value: each row of a
     * column receives its own update, in any order.
     */
    private int[] supernodesOfPivotingStructure() {
        int maxRows = 0;
        for (int j = 0; j < n; j++) {
            maxRows = Math.max(maxRows, f.lp[j + 1] - f.lp[j]);
        }
        long[] keys = new long[maxRows];
        for (int j = 0; j < n; j++) {
            sortColumn(f.lp[j], f.lp[j + 1], keys);
        }
        int[] end = new int[n];
        for (int j = n - 1; j >= 0; j--) {
            end[j] = j + 1 < n && continuesInto(j) ? end[j + 1] : j;
        }
        f.runRows = maxRows;
        main.scratch(false);
        return end;
    }

    /** Sorts L entries [from, to) by row, carrying their values; {@code keys} is scratch. */
    private void sortColumn(int from, int to, long[] keys) {
        boolean sorted = true;
        for (int p = from + 1; p < to && sorted; p++) {
            sorted = f.li[p - 1] < f.li[p];
        }
        if (sorted) {
            return;
        }
        int len = to - from;
        for (int t = 0; t < len; t++) {
            keys[t] = (long) f.li[from + t] << 32 | t; // rows and positions are non-negative ints
        }
        Arrays.sort(keys, 0, len);
        double[] values = work; // all zero between factorizations: borrowed, and cleared again
        for (int t = 0; t < len; t++) {
            values[t] = f.lx[from + (int) keys[t]];
        }
        for (int t = 0; t < len; t++) {
            f.li[from + t] = (int) (keys[t] >>> 32);
            f.lx[from + t] = values[t];
            values[t] = 0;
        }
    }

    /** Whether L column j holds row j + 1 and then exactly the rows of column j + 1 (sorted columns). */
    private boolean continuesInto(int j) {
        int a = f.lp[j];
        int b = f.lp[j + 1];
        int c = f.lp[j + 2];
        if (b - a != c - b + 1 || f.li[a] != j + 1) {
            return false;
        }
        for (int t = 0; t < c - b; t++) {
            if (f.li[a + 1 + t] != f.li[b + t]) {
                return false;
            }
        }
        return true;
    }

    /** The columns of A (q[k]) factored in groups of {@link #GROUP} by the present structure (for tests). */
    int[] groupedColumns() {
        if (f.groupStart == null) {
            return new int[0];
        }
        int count = 0;
        for (boolean b : f.groupStart) {
            count += b ? GROUP : 0;
        }
        int[] columns = new int[count];
        int at = 0;
        for (int k = 0; k < n; k++) {
            if (f.groupStart[k]) {
                for (int t = 0; t < GROUP; t++) {
                    columns[at++] = f.q[k + t];
                }
            }
        }
        return columns;
    }

    /** Whether the scatter columns are all zero, as every factorization must leave them (for tests). */
    boolean scratchIsClean() {
        for (ColumnKernel c : helpers == null ? new ColumnKernel[] {main} : helpers) {
            if (!c.scratchIsClean()) {
                return false;
            }
        }
        return true;
    }

    /**
     * The most threads the present structure's factorizations were shared among: 1 when none ran
     * shared (too small, or before the kernel was {@link #warm}), else {@link #threads} bounded by
     * {@link #MAX_THREADS} and the processors (helpers busy in other factorizations at the same
     * time can leave it fewer).
     */
    public int factorThreads() {
        return sharedRuns == 0 ? 1 : teamThreads();
    }

    /** The threads a shared factorization of the present structure would use (1 when it has no team). */
    private int teamThreads() {
        return team == null ? 1 : Math.min(Math.min(threads, MAX_THREADS), ColumnTeam.SPARE + 1);
    }

    /** Units of the present structure's shared factorization (0 when it is not shared; for tests). */
    int sharedUnits() {
        return team == null ? 0 : team.units();
    }

    /** The pivot by which column {@code column} of A was eliminated (for tests). */
    double pivotOfColumn(int column) {
        for (int k = 0; k < n; k++) {
            if (f.q[k] == column) {
                return f.ux[f.up[k + 1] - 1];
            }
        }
        throw new IllegalArgumentException("no column " + column);
    }

    /** Columns in the largest supernode of the present structure (1 without supernodes; for tests). */
    int largestSupernode() {
        if (f.supernodeEnd == null) {
            return 1;
        }
        int most = 1;
        for (int j = 0; j < n; j++) {
            most = Math.max(most, f.supernodeEnd[j] - j + 1);
        }
        return most;
    }

    /**
     * Symmetric pruning (Eisenstat and Liu, as in KLU): for every earlier column j with U(j, k)
     * nonzero whose L column holds the new pivot row, the rows of L(:, j) not yet pivotal are
     * reachable through column k as well, so later searches follow only its pivotal rows, which
     * are moved to the front.
     */
    private void prune(int pivotRow, int uFrom, int uTo) {
        for (int p = uFrom; p < uTo; p++) {
            int j = f.ui[p];
            int from = f.lp[j];
            int to = (j + 1 < n ? f.lp[j + 1] : f.lp[n]);
            if (lpend[j] != to) {
                continue; // pruned already
            }
            boolean holds = false;
            for (int pq = from; pq < to; pq++) {
                if (f.li[pq] == pivotRow) {
                    holds = true;
                    break;
                }
            }
            if (!holds) {
                continue;
            }
            int a = from;
            int b = to - 1;
            while (a <= b) {
                if (f.pinv[f.li[a]] >= 0) {
                    a++;
                } else {
                    int ti = f.li[a];
                    f.li[a] = f.li[b];
                    f.li[b] = ti;
                    double tx = f.lx[a];
                    f.lx[a] = f.lx[b];
                    f.lx[b] = tx;
                    b--;
                }
            }
            lpend[j] = a;
        }
    }

    /** Nodes reachable from column {@code col} of A in the graph of L, in topological order at xi[top..n). */
    private int reach(int col) {
        stamp++;
        if (stamp == Integer.MAX_VALUE) {
            Arrays.fill(marks, 0);
            stamp = 1;
        }
        int top = n;
        for (int p = ap[col]; p < ap[col + 1]; p++) {
            int start = ai[p];
            if (marks[start] == stamp) {
                continue;
            }
            // iterative depth-first search; the stack lives in pstack/xi-independent arrays
            int head = 0;
            int[] stack = pstackNodes();
            stack[0] = start;
            while (head >= 0) {
                int j = stack[head];
                int jnew = f.pinv[j];
                if (marks[j] != stamp) {
                    marks[j] = stamp;
                    pstack[head] = jnew < 0 ? 0 : f.lp[jnew];
                }
                boolean done = true;
                int end = jnew < 0 ? 0 : lpend[jnew];
                for (int pp = pstack[head]; pp < end; pp++) {
                    int i = f.li[pp];
                    if (marks[i] == stamp) {
                        continue;
                    }
                    pstack[head] = pp + 1;
                    stack[++head] = i;
                    done = false;
                    break;
                }
                if (done) {
                    head--;
                    xi[--top] = j;
                }
            }
        }
        return top;
    }

    private int[] dfsStack;

    private int[] pstackNodes() {
        if (dfsStack == null) {
            dfsStack = new int[n];
        }
        return dfsStack;
    }

    /**
     * Refactors along the present structure and pivot sequence; false (the scratch left clean)
     * for a pivot below {@code tolerance} against its column. Large factors are shared among the
     * processors ({@link ColumnTeam}), with the same results bit for bit.
     */
    private boolean refactor(double[] ax, double tolerance) {
        boolean ok;
        if (team != null && threads > 1 && warm()) {
            sharedRuns++;
            ok = refactorTogether(ax, tolerance);
        } else {
            main.prepare(ax, tolerance, null);
            ok = main.columns(0, n);
            main.prepare(null, 0, null);
        }
        if (ok) {
            FACTORED_FLOPS.add(prediction == null ? 0 : prediction.flops());
        }
        return ok;
    }

    /** Whether the kernel is compiled by now, or the factorization large enough to gain even if not ({@link #WARM_FLOPS}). */
    private boolean warm() {
        double limit = warmFlops;
        return prediction != null && prediction.flops() >= limit || FACTORED_FLOPS.sum() >= limit;
    }

    private boolean refactorTogether(double[] ax, double tolerance) {
        int count = teamThreads(); // no kernel for a helper the processors leave no room for
        if (helpers == null || helpers.length != count) {
            helpers = new ColumnKernel[count];
            helpers[0] = main;
            for (int w = 1; w < count; w++) {
                helpers[w] = new ColumnKernel(f, ap, ai, new double[n]);
            }
        }
        for (ColumnKernel w : helpers) {
            w.scratch(f.groupStart != null);
            w.prepare(ax, tolerance, team);
        }
        try {
            return team.run(helpers);
        } finally {
            for (ColumnKernel w : helpers) {
                w.prepare(null, 0, null);
            }
        }
    }

    /**
     * One thread's numeric factorization of columns along the present structure, with its own
     * scatter columns and update scratch: the calling thread's ({@link #main}), and one per helper
     * thread of a {@link ColumnTeam}. A column is computed by the same operations in the same
     * order whichever thread factors it.
     */

    /** Solves A x = b; {@code b} and {@code x} may be the same array. */
    public void solve(double[] b, double[] x) {
        solve(b, x, solveWork);
    }

    /**
     * Solves A x = b with the caller's scratch {@code y} (n values), so that several threads can
     * solve with the same factors at once; {@code b} and {@code x} may be the same array.
     */
    public void solve(double[] b, double[] x, double[] y) {
        for (int k = 0; k < n; k++) {
            y[k] = b[f.prow[k]];
        }
        // one call per column (compiled early in a fresh JVM, inlined once the loop is compiled)
        for (int j = 0; j < n; j++) {
            forward(y, j);
        }
        for (int j = n - 1; j >= 0; j--) {
            backward(y, j);
        }
        for (int k = 0; k < n; k++) {
            x[f.q[k]] = y[k];
        }
    }

    /**
     * Solves A<sup>T</sup> x = b with the present factors (the adjoint of {@link #solve}): with
     * P·A·Q = L·U, A<sup>T</sup> = P<sup>T</sup>·L<sup>T</sup>... so c = Q<sup>T</sup>b, U<sup>T</sup>w = c
     * forward, L<sup>T</sup>z = w backward, x = P<sup>T</sup>z. {@code b} and {@code x} may be the
     * same array; {@code y} is the caller's scratch (n values).
     */
    public void solveTransposed(double[] b, double[] x, double[] y) {
        for (int k = 0; k < n; k++) {
            y[k] = b[f.q[k]];
        }
        // U^T is lower triangular: row j of U^T is column j of U, whose diagonal is stored last
        for (int j = 0; j < n; j++) {
            int diag = f.up[j + 1] - 1;
            double s = y[j];
            for (int p = f.up[j]; p < diag; p++) {
                s -= f.ux[p] * y[f.ui[p]];
            }
            y[j] = s * f.inversePivot[j];
        }
        // L^T is unit upper triangular: row j of L^T is column j of L
        for (int j = n - 1; j >= 0; j--) {
            double s = y[j];
            for (int p = f.lp[j]; p < f.lp[j + 1]; p++) {
                s -= f.lx[p] * y[f.li[p]];
            }
            y[j] = s;
        }
        for (int k = 0; k < n; k++) {
            x[f.prow[k]] = y[k];
        }
    }

    /** As {@link #solveTransposed(double[], double[], double[])} with the factorization's own scratch. */
    public void solveTransposed(double[] b, double[] x) {
        solveTransposed(b, x, solveWork);
    }

    /** Forward substitution with column j of L. */
    private void forward(double[] y, int j) {
        double yj = y[j];
        if (yj != 0) {
            for (int p = f.lp[j]; p < f.lp[j + 1]; p++) {
                y[f.li[p]] -= f.lx[p] * yj;
            }
        }
    }

    /** Back substitution with column j of U. */
    private void backward(double[] y, int j) {
        int diag = f.up[j + 1] - 1;
        double yj = y[j] * f.inversePivot[j]; // multiply: a divide here sits on the dependency chain
        y[j] = yj;
        if (yj != 0) {
            for (int p = f.up[j]; p < diag; p++) {
                y[f.ui[p]] -= f.ux[p] * yj;
            }
        }
    }
}
