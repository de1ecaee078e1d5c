package org.memspice.spice.analysis;

import java.util.Arrays;
import org.ejml.data.DMatrixSparseCSC;
import org.memspice.spice.circuit.Analysis;
import org.memspice.spice.circuit.Circuit;
import org.memspice.spice.circuit.Options;
import org.memspice.spice.circuit.Unknowns;
import org.memspice.spice.element.Element;
import org.memspice.spice.element.LoadContext;
import org.memspice.spice.element.Relocatable;
import org.memspice.spice.element.SetupContext;
import org.memspice.spice.element.StateHistory;
import org.memspice.spice.element.TemperatureDependent;
import org.memspice.spice.linalg.Gmres;
import org.memspice.spice.linalg.MatrixPattern;
import org.memspice.spice.linalg.SingularMatrixException;
import org.memspice.spice.linalg.BlockTriangularLu;
import org.memspice.spice.linalg.SparseLu;
import org.memspice.spice.netlist.NetlistException;

/**
 * The modified-nodal-analysis system of one circuit: unknowns, the fixed sparse pattern every
 * element stamps into, the values and right-hand side, the LU factorization (symbolic analysis
 * once, numeric refactorization after), and the element load loop.
 */
public final class MnaSystem {
    private final Circuit circuit;
    private final Unknowns unknowns;
    private final Element[] elements;
    private final Element[] varying;
    private final Element[] stateful;
    private final double[] constantValues;
    private final double[] constantRhs;
    private final Element[] fixed;
    /** The unknowns element k stamps into: touchedUnknowns[touchedStart[k], touchedStart[k + 1]), sorted. */
    private final int[] touchedStart;
    private final int[] touchedUnknowns;
    private final TemperatureDependent[] thermal;
    /** The elements with their own convergence test, and those that bound their unknowns (for {@link Newton}). */
    private final org.memspice.spice.element.ConvergenceTest[] convergenceTests;
    private final org.memspice.spice.element.StateBounds[] stateBounds;
    private final MatrixPattern pattern;
    private final int[] positions;
    private final DMatrixSparseCSC jacobian;
    private final double[] values;
    private final double[] rhs;
    private final int[] nodeDiagonals;
    private final StateHistory states;
    private final LoadContext context;
    private final BlockTriangularLu lu;
    private final boolean linear;
    private final double[] work;
    /** {@link #solveKrylov}'s GMRES and its arrays, allocated at the first call. */
    private Gmres gmres;
    private double[] krylovRhs;
    private double[] krylovStep;
    private double[] krylovScaled;
    private double[] krylovProduct;
    private double[] krylovWeight;
    private long krylovSteps;
    private long krylovIterations;
    private long krylovFailures;
    /** {@link #work} holds the step of the last {@link #solveChord}, untouched since. */
    private boolean chordStepInWork;
    private double[] lastFactored;
    /** The integration coefficient (ag0) the present factors were stamped with (0 in DC). */
    private double factoredAg0 = Double.NaN;
    /** {@link #factorizationInSolves}, counted for the structure of full factorization number {@link #costCountedAt}. */
    private double factorizationInSolves;
    private int costCountedAt = -1;
    private long loads;
    private final String[] stateOwners;
    private long solves;

    public MnaSystem(Circuit circuit) {
        this.circuit = circuit;
        this.unknowns = circuit.unknowns();
        this.elements = circuit.elements().toArray(new Element[0]);
        circuit.markSetUp();
        Setup setup = new Setup(circuit);
        java.util.List<Element> withStates = new java.util.ArrayList<>();
        java.util.List<String> stateOwners = new java.util.ArrayList<>();
        // the loops over the elements call one method per element: compiled after a few hundred,
        // where a long loop body would run interpreted until on-stack replacement
        for (Element e : elements) {
            allocate(setup, e, withStates, stateOwners);
        }
        int n = unknowns.size();
        if (n == 0) {
            throw new NetlistException("the circuit has no nodes besides ground");
        }
        // a resistor, a capacitor and a voltage source reserve four entries each and touch two to
        // four unknowns: room for four of both per element (more are taken as they come)
        int fourEach = (int) Math.min(4L * elements.length, Integer.MAX_VALUE - 16);
        pattern = new MatrixPattern(n, fourEach);
        setup.pattern = pattern;
        touchedStart = new int[elements.length + 1];
        setup.touchedAll = new int[fourEach + 16];
        for (int k = 0; k < elements.length; k++) {
            setUp(setup, k);
        }
        touchedUnknowns = Arrays.copyOf(setup.touchedAll, setup.touchedCount);
        setup.touchedAll = null;
        setup.current = null;
        pattern.compile();
        positions = pattern.positions(setup.handles());
        jacobian = pattern.newMatrix();
        values = jacobian.nz_values;
        rhs = new double[n + 1];
        nodeDiagonals = pattern.diagonalPositions();
        states = new StateHistory(setup.limitsStep());
        context = new LoadContext(circuit.options());
        context.bind(new double[n + 1], values, positions, rhs, states);
        lu = new BlockTriangularLu(n, Arrays.copyOf(jacobian.col_idx, n + 1), Arrays.copyOf(jacobian.nz_rows,
                jacobian.nz_length), circuit.options().ordering);
        for (Analysis a : circuit.analyses()) {
            if (a instanceof Analysis.Tran || a instanceof Analysis.Dc) {
                lu.expectFactorizations(SWEEP_FACTORIZATIONS);
                break;
            }
        }
        work = new double[n];
        stateful = withStates.toArray(new Element[0]);
        this.stateOwners = stateOwners.toArray(new String[0]);
        // the elements sorted once for every later use (each pass over 100,000s of elements costs
        // milliseconds in a fresh JVM)
        Sorted sorted = new Sorted(elements);
        linear = sorted.linear;
        varying = sorted.other;
        this.fixed = sorted.fixed;
        this.thermal = sorted.thermal;
        convergenceTests = sorted.tests;
        stateBounds = sorted.bounds;
        constantValues = new double[values.length];
        constantRhs = new double[rhs.length];
        stampConstants();
        if (relocateLayout) {
            relocated = relocate(sorted.relocatable);
        }
    }

    /**
     * See {@link Relocatable}: the passes in order, each over every varying element that can;
     * returns how many elements it relocated (0 below {@link #RELOCATE_AT}). A young collection
     * at the end of a large build used to do this by accident (its breadth-first copy), and where
     * none fell (a larger young generation), the 64x64 behavioural crossbar's analysis took 4.9-6.0 s
     * instead of 3.6-4.3 s (`-Xmn1g`, BENCHMARKS.md).
     */
    private int relocate(java.util.List<Relocatable> relocatable) {
        if (relocatable.size() < RELOCATE_AT) {
            return 0;
        }
        int passes = 0;
        for (Relocatable r : relocatable) {
            passes = Math.max(passes, r.relocationPasses());
        }
        for (int pass = 0; pass < passes; pass++) {
            for (Relocatable r : relocatable) {
                if (pass < r.relocationPasses()) {
                    r.relocate(pass);
                }
            }
        }
        return relocatable.size();
    }

    /** Elements whose data the set-up laid out anew ({@link #relocate}). */
    public int relocatedElements() {
        return relocated;
    }

    /**
     * Factorizations a transient or a .dc sweep is expected to make, for the choice of ordering
     * ({@link SparseLu#expectFactorizations}): a lower bound, since the 64x64 crossbar transients of
     * BENCHMARKS.md make 114-795 and an ordering chosen too cheaply costs every one of them.
     */
    static final double SWEEP_FACTORIZATIONS = 100;
    /** Relocatable elements from which the set-up lays their data out anew ({@link #relocate}). */
    static final int RELOCATE_AT = 1000;
    /** Tests turn relocation off to compare (results must be the same bits either way). */
    static volatile boolean relocateLayout = true;
    private int relocated;

    private void allocate(Setup setup, Element e, java.util.List<Element> withStates,
            java.util.List<String> stateOwners) {
        try {
            int before = setup.states;
            e.allocate(setup);
            if (setup.states > before) {
                withStates.add(e);
                for (int k = before; k < setup.states; k++) {
                    stateOwners.add(e.name());
                }
            }
        } catch (IllegalArgumentException ex) {
            throw new NetlistException(circuit.origin(e), e.name() + ": " + ex.getMessage());
        }
    }

    /** Sets up element k: its matrix slots, and the unknowns it stamps into for the topology check. */
    private void setUp(Setup setup, int k) {
        Element e = elements[k];
        setup.touched = 0;
        try {
            e.setup(setup);
        } catch (IllegalArgumentException ex) {
            throw new NetlistException(circuit.origin(e), ex.getMessage());
        }
        int m = setup.distinctTouched();
        if (setup.touchedCount + m > setup.touchedAll.length) {
            setup.touchedAll = Arrays.copyOf(setup.touchedAll, Math.max(2 * setup.touchedAll.length,
                    setup.touchedCount + m));
        }
        System.arraycopy(setup.current, 0, setup.touchedAll, setup.touchedCount, m);
        setup.touchedCount += m;
        touchedStart[k + 1] = setup.touchedCount;
    }

    /**
     * The elements sorted by what the engine does with them, in circuit order. One pass asks each
     * element what it is and counts; a second fills each group into an array of its exact size from
     * those answers, without touching the elements again. A 1024x1024 crossbar sorts 3.1 million
     * resistors: lists grown by doubling, then copied into arrays, allocated about three times the
     * memory, and four instanceof tests of each resistor took most of the 0.6-0.9 s this took
     * before (now 0.19-0.27 s, timed with temporary timers in `sim`).
     */
    private static final class Sorted {
        private static final byte FIXED = 1;
        private static final byte THERMAL = 2;
        private static final byte TEST = 4;
        private static final byte BOUNDS = 8;
        private static final byte RELOCATABLE = 16;
        final Element[] fixed;
        final Element[] other;
        final TemperatureDependent[] thermal;
        final org.memspice.spice.element.ConvergenceTest[] tests;
        final org.memspice.spice.element.StateBounds[] bounds;
        /** The varying elements that can lay their load data out anew ({@link #relocate}), in order. */
        final java.util.List<Relocatable> relocatable = new java.util.ArrayList<>();
        boolean linear = true;
        private int fixedCount;
        private int thermalCount;
        private int testCount;
        private int boundCount;
        private Class<?> lastClass;
        private int lastInterfaces;

        Sorted(Element[] elements) {
            byte[] kind = new byte[elements.length];
            // one method call per element (see the constructor of MnaSystem)
            for (int k = 0; k < elements.length; k++) {
                kind[k] = kind(elements[k]);
            }
            fixed = new Element[fixedCount];
            other = new Element[elements.length - fixedCount];
            thermal = new TemperatureDependent[thermalCount];
            tests = new org.memspice.spice.element.ConvergenceTest[testCount];
            bounds = new org.memspice.spice.element.StateBounds[boundCount];
            int f = 0;
            int o = 0;
            int t = 0;
            int c = 0;
            int b = 0;
            for (int k = 0; k < elements.length; k++) {
                Element e = elements[k];
                int is = kind[k];
                if ((is & FIXED) != 0) {
                    fixed[f++] = e;
                } else {
                    other[o++] = e;
                }
                if (is > FIXED) {
                    if ((is & RELOCATABLE) != 0) {
                        relocatable.add((Relocatable) e);
                    }
                    if ((is & THERMAL) != 0) {
                        thermal[t++] = (TemperatureDependent) e;
                    }
                    if ((is & TEST) != 0) {
                        tests[c++] = (org.memspice.spice.element.ConvergenceTest) e;
                    }
                    if ((is & BOUNDS) != 0) {
                        bounds[b++] = (org.memspice.spice.element.StateBounds) e;
                    }
                }
            }
        }

        /** What element e is, as the flags above; counts each group. */
        private byte kind(Element e) {
            if (e.getClass() != lastClass) {
                lastClass = e.getClass();
                lastInterfaces = interfaces(e);
            }
            int is = lastInterfaces;
            if (e.hasConstantStamps()) {
                is = (is | FIXED) & ~RELOCATABLE; // only varying elements are relocated
                fixedCount++;
            }
            thermalCount += (is & THERMAL) != 0 ? 1 : 0;
            testCount += (is & TEST) != 0 ? 1 : 0;
            boundCount += (is & BOUNDS) != 0 ? 1 : 0;
            linear &= e.isLinear();
            return (byte) is;
        }

        /**
         * The interfaces of e's class among the flags, asked once for each run of elements of one
         * class: an instanceof of an interface the class does not implement scans all of the
         * class's interfaces each time (a resistor has seven).
         */
        private static int interfaces(Element e) {
            return (e instanceof Relocatable ? RELOCATABLE : 0) | (e instanceof TemperatureDependent ? THERMAL : 0)
                    | (e instanceof org.memspice.spice.element.ConvergenceTest ? TEST : 0)
                    | (e instanceof org.memspice.spice.element.StateBounds ? BOUNDS : 0);
        }
    }

    /** The elements with their own convergence test, in circuit order (shared: do not modify). */
    org.memspice.spice.element.ConvergenceTest[] convergenceTests() {
        return convergenceTests;
    }

    /** The elements that bound their unknowns, in circuit order (shared: do not modify). */
    org.memspice.spice.element.StateBounds[] stateBounds() {
        return stateBounds;
    }

    /** The element that owns integration state k (for messages), or "?" for k out of range. */
    String stateOwner(int k) {
        return k >= 0 && k < stateOwners.length ? stateOwners[k] : "?";
    }

    /** The name of the element that owns integration state k (for messages). */
    public String stateOwnerName(int k) {
        return stateOwner(k);
    }

    /** Stamps the never-changing elements once; the load loop starts from their stamps. */
    private void stampConstants() {
        Arrays.fill(values, 0);
        Arrays.fill(rhs, 0);
        context.setSolution(new double[rhs.length]);
        for (Element e : fixed) {
            e.load(context);
        }
        System.arraycopy(values, 0, constantValues, 0, values.length);
        System.arraycopy(rhs, 0, constantRhs, 0, rhs.length);
        lastFactored = null;
    }

    /**
     * Sets the circuit temperature (a {@code .dc TEMP} sweep): every temperature-dependent element
     * recomputes its parameters, and the constant stamps are redone.
     */
    public void setTemperature(double celsius) {
        circuit.options().temp = celsius;
        for (TemperatureDependent t : thermal) {
            try {
                t.temperature(celsius);
            } catch (IllegalArgumentException ex) {
                throw new SimulationException(ex.getMessage());
            }
        }
        stampConstants();
    }

    /** The SetupContext handed to elements. */
    private static final class Setup implements SetupContext {
        private final Circuit circuit;
        MatrixPattern pattern;
        /** The unknowns the element being set up stamps into (current[0, touched), with repeats), or null. */
        int[] current = new int[16];
        int touched;
        /** The distinct unknowns of the elements set up so far, in order (touchedAll[0, touchedCount)). */
        int[] touchedAll;
        int touchedCount;
        int states;
        private final java.util.List<Boolean> truncated = new java.util.ArrayList<>();
        private int handles = 1;

        Setup(Circuit circuit) {
            this.circuit = circuit;
        }

        @Override
        public int addUnknown(String name, UnknownKind kind) {
            if (pattern != null) {
                throw new IllegalStateException("unknowns must be added in allocate()");
            }
            return circuit.unknowns().add(name, kind);
        }

        @Override
        public int addUnknown(String name, UnknownKind kind, double absoluteTolerance) {
            if (pattern != null) {
                throw new IllegalStateException("unknowns must be added in allocate()");
            }
            return circuit.unknowns().add(name, kind, absoluteTolerance);
        }

        @Override
        public int addStates(int count, boolean limitsStep) {
            int first = states;
            states += count;
            for (int k = 0; k < count; k++) {
                truncated.add(limitsStep);
            }
            return first;
        }

        boolean[] limitsStep() {
            boolean[] out = new boolean[states];
            for (int k = 0; k < states; k++) {
                out[k] = truncated.get(k);
            }
            return out;
        }

        @Override
        public int slot(int row, int col) {
            if (current != null) {
                if (touched + 2 > current.length) {
                    current = Arrays.copyOf(current, 2 * current.length);
                }
                current[touched++] = row;
                current[touched++] = col;
            }
            int h = pattern.reserve(row, col);
            if (h != MatrixPattern.TRASH) {
                handles = Math.max(handles, h + 1);
            }
            return h;
        }

        int handles() {
            return handles;
        }

        /** Sorts current[0, touched) and drops repeats; returns how many distinct unknowns remain. */
        int distinctTouched() {
            if (touched == 0) {
                return 0;
            }
            Arrays.sort(current, 0, touched);
            int m = 1;
            for (int i = 1; i < touched; i++) {
                if (current[i] != current[m - 1]) {
                    current[m++] = current[i];
                }
            }
            return m;
        }

        @Override
        public int findNode(String globalName) {
            return circuit.unknowns().findNode(globalName);
        }

        @Override
        public Element element(String name) {
            Element e = circuit.element(name);
            if (e == null) {
                throw new IllegalArgumentException("no element named " + name);
            }
            return e;
        }

        @Override
        public Options options() {
            return circuit.options();
        }
    }

    public Circuit circuit() {
        return circuit;
    }

    /**
     * The unknowns element number {@code k} (of {@link #elements()}) stamps into, sorted, as
     * {@code touchedUnknowns()[touchedStart()[k], touchedStart()[k + 1])}: the topology check's view
     * of an element that does not report its {@link org.memspice.spice.element.Connections}.
     */
    int[] touchedStart() {
        return touchedStart;
    }

    /** See {@link #touchedStart()}. */
    int[] touchedUnknowns() {
        return touchedUnknowns;
    }

    public Unknowns unknowns() {
        return unknowns;
    }

    public int size() {
        return unknowns.size();
    }

    public LoadContext context() {
        return context;
    }

    public StateHistory states() {
        return states;
    }

    public Element[] elements() {
        return elements;
    }

    public boolean isLinear() {
        return linear;
    }

    /** Clears the system and stamps every element at solution estimate {@code x}. */
    public void load(double[] x) {
        chordStepInWork = false; // the chord step was of the matrix this load replaces
        System.arraycopy(constantValues, 0, values, 0, values.length);
        System.arraycopy(constantRhs, 0, rhs, 0, rhs.length);
        context.setSolution(x);
        for (Element e : varying) {
            context.setLoading(e);
            e.load(context);
        }
        context.setLoading(null);
        loads++;
    }

    /**
     * Re-evaluates only the elements with integration states at {@code x}, so that the states
     * hold the values of that solution. The matrix is left unusable until the next {@link #load}.
     */
    public void refreshStates(double[] x) {
        context.setSolution(x);
        for (Element e : stateful) {
            e.updateStates(context);
        }
    }

    /** Adds conductance g from every node to ground (gmin stepping). */
    public void addNodeConductance(double g) {
        for (int u = 1; u < nodeDiagonals.length; u++) {
            if (unknowns.kind(u) == SetupContext.UnknownKind.VOLTAGE) {
                values[nodeDiagonals[u]] += g;
            }
        }
    }

    /** Pins node {@code u} to {@code volts} through a large conductance (SPICE's .ic/.nodeset forcing). */
    public void clampNode(int u, double volts) {
        double g = 1e10;
        values[nodeDiagonals[u]] += g;
        rhs[u] += g * volts;
    }

    /**
     * Factors and solves the stamped system into {@code x} (index 0 stays 0). A singular matrix
     * is reported naming the node or branch whose column had no pivot.
     */
    public void solve(double[] x) {
        chordStepInWork = false;
        factorPresent();
        // rhs is 1-based; the LU works on 0-based arrays
        double[] b = work;
        System.arraycopy(rhs, 1, b, 0, size());
        lu.solve(b, b);
        System.arraycopy(b, 0, x, 1, size());
        x[0] = 0;
        solves++;
    }

    /** Factors the stamped matrix unless it equals the one last factored. */
    private void factorPresent() {
        try {
            if (lastFactored == null || !Arrays.equals(values, lastFactored)) {
                // a matrix equal to the last factored one is finite: check only new ones
                for (int p = 0; p < values.length - 1; p++) {
                    if (!Double.isFinite(values[p])) {
                        throw new SingularCircuitException("the Jacobian has a non-finite entry in the row of "
                                + unknowns.vectorName(rowOf(p) + 1)
                                + " (a device or expression derivative is infinite or NaN)");
                    }
                }
                lu.factor(values);
                factoredAg0 = context.ag0();
                if (lastFactored == null) {
                    lastFactored = new double[values.length];
                }
                System.arraycopy(values, 0, lastFactored, 0, values.length);
            }
        } catch (SingularMatrixException e) {
            lastFactored = null;
            lu.invalidate();
            throw new SingularCircuitException(describeSingular(e.unknown() + 1));
        }
    }

    /**
     * Solves J<sup>T</sup>·y = b with the Jacobian as last stamped (factored here unless it is the
     * one last factored): the adjoint solve of sensitivity analysis. Both arrays are 1-based as
     * the solution is; {@code y[0]} is set to 0; they may be the same array.
     */
    public void solveTransposed(double[] b, double[] y) {
        factorPresent();
        double[] w = new double[size()];
        System.arraycopy(b, 1, w, 0, size());
        lu.solveTransposed(w, w);
        System.arraycopy(w, 0, y, 1, size());
        y[0] = 0;
    }

    /** Solves J·y = b (1-based arrays) with the Jacobian as last stamped, leaving the right-hand side alone. */
    public void solveWith(double[] b, double[] y) {
        factorPresent();
        double[] w = new double[size()];
        System.arraycopy(b, 1, w, 0, size());
        lu.solve(w, w);
        System.arraycopy(w, 0, y, 1, size());
        y[0] = 0;
    }

    /**
     * The residual of the last {@link #load} at its estimate x: J(x)·x − rhs(x), 1-based (the
     * stamps linearize each element about x, so this is the element equations' value at x).
     */
    public void residual(double[] x, double[] out) {
        java.util.Arrays.fill(out, 0);
        int[] colPtr = jacobian.col_idx;
        int[] rows = jacobian.nz_rows;
        for (int c = 0; c < size(); c++) {
            double xc = x[c + 1];
            for (int p = colPtr[c]; p < colPtr[c + 1]; p++) {
                out[rows[p] + 1] += values[p] * xc;
            }
        }
        for (int u = 1; u <= size(); u++) {
            out[u] -= rhs[u];
        }
        out[0] = 0;
    }

    /** y += J<sup>T</sup>·v with the Jacobian as last stamped (1-based arrays). */
    public void multiplyTransposedAdd(double[] v, double[] y) {
        int[] colPtr = jacobian.col_idx;
        int[] rows = jacobian.nz_rows;
        for (int c = 0; c < size(); c++) {
            double s = 0;
            for (int p = colPtr[c]; p < colPtr[c + 1]; p++) {
                s += values[p] * v[rows[p] + 1];
            }
            y[c + 1] += s;
        }
    }

    /**
     * After an element parameter changed ({@code ParameterSensitive.setParameterValue}): the
     * cached stamps of the constant elements are redone.
     */
    public void parametersChanged() {
        stampConstants();
    }

    /**
     * Whether factors exist and were stamped with the integration coefficient the context holds
     * now (the same step and formula for the reactive elements' companion conductances), so that
     * they differ from the present Jacobian only by the devices' moved operating points.
     */
    public boolean factorsMatchIntegration() {
        return lastFactored != null && factoredAg0 == context.ag0();
    }

    /**
     * How many solves with the present factors one factorization costs, in floating-point
     * operations (a solve takes two per L+U entry); 0 before the first factorization.
     */
    public double factorizationInSolves() {
        // counting the flops walks the factors: once per structure, which only a full factorization changes
        int full = lu.fullFactorizations();
        if (full != costCountedAt) {
            int nz = lu.factorNonZeros();
            factorizationInSolves = nz == 0 ? 0 : lu.factorFlops() / (2.0 * nz);
            costCountedAt = full;
        }
        return factorizationInSolves;
    }

    /**
     * A chord step of modified Newton: the next iterate {@code x + LU⁻¹(rhs − A·x)} into
     * {@code next}, with A and rhs as stamped now (at {@code x}, device limiting included) and the
     * factors of the last matrix {@link #solve} factored. With the present matrix's own factors this
     * is the Newton iterate {@code A⁻¹·rhs}. Returns false, writing nothing, when there are no
     * factors or the residual is not finite (the caller then takes a full step, whose factorization
     * names the bad entry).
     */
    public boolean solveChord(double[] x, double[] next) {
        if (lastFactored == null) {
            return false;
        }
        int n = size();
        double[] r = work;
        System.arraycopy(rhs, 1, r, 0, n);
        int[] colStart = jacobian.col_idx;
        int[] rows = jacobian.nz_rows;
        for (int c = 0; c < n; c++) {
            subtractColumn(r, colStart[c], colStart[c + 1], rows, x[c + 1]);
        }
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(r[i])) {
                return false;
            }
        }
        lu.solve(r, r);
        for (int i = 0; i < n; i++) {
            next[i + 1] = x[i + 1] + r[i];
        }
        next[0] = 0;
        solves++;
        chordStepInWork = true;
        return true;
    }

    /**
     * The Newton step of the present matrix without factoring it. Directly after a successful
     * {@link #solveChord} from {@code x} (whose step, the last factors applied to the residual,
     * starts the Krylov space; no load or solve may come between), solves A·δ = rhs − A·x by
     * GMRES preconditioned on the left by the last factors and scaled by {@code weight} (1-based:
     * the tolerance of each unknown, so that the unknowns count alike), and writes {@code x + δ}
     * into {@code next}. GMRES stops when the scaled, preconditioned residual's 2-norm is at most
     * {@code tolerance}, that is, when δ is that close to the Newton step in units of the
     * unknowns' tolerances, and gives up after {@code limit} iterations, leaving {@code next}
     * alone. Each iteration costs a solve with the factors and a product with A, so a few
     * iterations cost less than the factorization they replace when the factors are of a nearby
     * matrix.
     */
    public boolean solveKrylov(double[] x, double[] next, double[] weight, double tolerance, int limit) {
        if (!chordStepInWork) {
            throw new IllegalStateException("solveKrylov must follow a successful solveChord directly");
        }
        chordStepInWork = false;
        int n = size();
        if (gmres == null || gmres.maxIterations() < limit) {
            gmres = new Gmres(n, limit);
            krylovRhs = new double[n];
            krylovStep = new double[n];
            krylovScaled = new double[n];
            krylovProduct = new double[n];
            krylovWeight = new double[n];
        }
        double[] c = krylovRhs;
        double[] w = krylovWeight;
        for (int i = 0; i < n; i++) {
            w[i] = weight[i + 1];
            c[i] = work[i] / w[i]; // the chord's step, as solveChord left it
        }
        boolean ok = gmres.solve(this::preconditionedJacobian, c, krylovStep, tolerance, limit);
        krylovIterations += gmres.iterations();
        solves += gmres.iterations();
        if (!ok) {
            krylovFailures++;
            return false;
        }
        double[] d = krylovStep;
        for (int i = 0; i < n; i++) {
            next[i + 1] = x[i + 1] + d[i] * w[i];
        }
        next[0] = 0;
        krylovSteps++;
        return true;
    }

    /** out = W⁻¹·LU⁻¹·A·W·in, 0-based: the operator {@link #solveKrylov} iterates on. */
    private void preconditionedJacobian(double[] in, double[] out) {
        int n = size();
        double[] w = krylovWeight;
        double[] t = krylovProduct;
        double[] u = krylovScaled;
        for (int i = 0; i < n; i++) {
            u[i] = in[i] * w[i];
        }
        Arrays.fill(t, 0);
        int[] colStart = jacobian.col_idx;
        int[] rows = jacobian.nz_rows;
        for (int col = 0; col < n; col++) {
            double uc = u[col];
            for (int p = colStart[col]; p < colStart[col + 1]; p++) {
                t[rows[p]] += values[p] * uc;
            }
        }
        lu.solve(t, out);
        for (int i = 0; i < n; i++) {
            out[i] /= w[i];
        }
    }

    /** Newton steps {@link #solveKrylov} took, GMRES iterations over all its calls, and calls that gave up. */
    public long krylovSteps() {
        return krylovSteps;
    }

    public long krylovIterations() {
        return krylovIterations;
    }

    public long krylovFailures() {
        return krylovFailures;
    }

    /** No shortcut for xc = 0: an infinite or NaN entry must reach the residual (and reject the step). */
    private void subtractColumn(double[] r, int from, int to, int[] rows, double xc) {
        for (int p = from; p < to; p++) {
            r[rows[p]] -= values[p] * xc;
        }
    }

    private int rowOf(int position) {
        return pattern.rowIndices()[position];
    }

    private String describeSingular(int u) {
        String name = unknowns.name(u);
        switch (unknowns.kind(u)) {
            case CURRENT: {
                String dev = name.endsWith("#branch") ? name.substring(0, name.length() - 7) : name;
                return "singular matrix at the branch current of " + dev.toUpperCase(java.util.Locale.ROOT)
                        + ": it is in a loop of voltage sources and/or inductors, or in parallel with one";
            }
            case STATE:
                return "singular matrix at device state " + name;
            default:
                return "singular matrix at node " + name + ": the node is floating (no DC path to ground,"
                        + " for example only capacitors or a current source attach to it)";
        }
    }

    /**
     * The Jacobian as last stamped, as an EJML sparse matrix (unknown u is row and column u − 1);
     * read-only for callers.
     */
    public DMatrixSparseCSC jacobian() {
        return jacobian;
    }

    /** The right-hand side as last stamped (1-based: entry u belongs to unknown u; entry 0 is unused). */
    public double[] rightHandSide() {
        return rhs;
    }

    public long loads() {
        return loads;
    }

    public long solves() {
        return solves;
    }

    public BlockTriangularLu lu() {
        return lu;
    }

    /**
     * Frees the LU factors' storage once no more solves are wanted (a later solve factors again):
     * `sim` calls it before writing the results, so that a large matrix's factors (2.6 GB at
     * 1024x1024) are garbage when the output's allocations make the collector run.
     */
    public void releaseFactors() {
        lastFactored = null;
        chordStepInWork = false;
        lu.release();
    }

    public int matrixNonZeros() {
        return pattern.nonZeros();
    }
}
