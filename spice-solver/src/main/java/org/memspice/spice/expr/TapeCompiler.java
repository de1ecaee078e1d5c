package org.memspice.spice.expr;

import static org.objectweb.asm.Opcodes.AALOAD;
import static org.objectweb.asm.Opcodes.ACC_FINAL;
import static org.objectweb.asm.Opcodes.ACC_PRIVATE;
import static org.objectweb.asm.Opcodes.ACC_PUBLIC;
import static org.objectweb.asm.Opcodes.ACC_STATIC;
import static org.objectweb.asm.Opcodes.ACC_SUPER;
import static org.objectweb.asm.Opcodes.ALOAD;
import static org.objectweb.asm.Opcodes.CHECKCAST;
import static org.objectweb.asm.Opcodes.DADD;
import static org.objectweb.asm.Opcodes.DALOAD;
import static org.objectweb.asm.Opcodes.DASTORE;
import static org.objectweb.asm.Opcodes.DCMPG;
import static org.objectweb.asm.Opcodes.DCMPL;
import static org.objectweb.asm.Opcodes.DCONST_0;
import static org.objectweb.asm.Opcodes.DCONST_1;
import static org.objectweb.asm.Opcodes.DDIV;
import static org.objectweb.asm.Opcodes.DLOAD;
import static org.objectweb.asm.Opcodes.DMUL;
import static org.objectweb.asm.Opcodes.DNEG;
import static org.objectweb.asm.Opcodes.DRETURN;
import static org.objectweb.asm.Opcodes.DSTORE;
import static org.objectweb.asm.Opcodes.DSUB;
import static org.objectweb.asm.Opcodes.DUP;
import static org.objectweb.asm.Opcodes.DUP2;
import static org.objectweb.asm.Opcodes.GETSTATIC;
import static org.objectweb.asm.Opcodes.GOTO;
import static org.objectweb.asm.Opcodes.ICONST_0;
import static org.objectweb.asm.Opcodes.IFEQ;
import static org.objectweb.asm.Opcodes.IFGE;
import static org.objectweb.asm.Opcodes.IFGT;
import static org.objectweb.asm.Opcodes.IFLE;
import static org.objectweb.asm.Opcodes.IFLT;
import static org.objectweb.asm.Opcodes.IFNE;
import static org.objectweb.asm.Opcodes.IFNULL;
import static org.objectweb.asm.Opcodes.INVOKEINTERFACE;
import static org.objectweb.asm.Opcodes.INVOKESPECIAL;
import static org.objectweb.asm.Opcodes.INVOKESTATIC;
import static org.objectweb.asm.Opcodes.PUTSTATIC;
import static org.objectweb.asm.Opcodes.RETURN;
import static org.objectweb.asm.Opcodes.V17;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;

/**
 * Compiles the tape of a {@link CompiledExpression} into a hidden class of straight-line code
 * ({@link TapeKernel}): the forward sweep keeps every entry's value in a local variable, the
 * reverse sweep every adjoint that can be nonzero. Each instruction is emitted as the
 * interpreter computes it, operation for operation (the same comparisons, the same order of
 * accumulation into an adjoint, the same skip of a zero adjoint, the same {@link Math} and
 * {@link Functions} methods, the same {@link Functions.Function} objects for calls), so that
 * values and gradients are bit-identical to the interpreter's. The JIT then allocates the
 * locals to registers: no dispatch, no array traffic for intermediate values.
 *
 * <p>A tape whose code would exceed {@link #MAX_CODE_BYTES} is not compiled ({@link #compile}
 * answers null and the interpreter keeps it): HotSpot does not JIT-compile methods larger than
 * 8000 bytes of bytecode, and a method that is only ever interpreted by the JVM would be far
 * slower than the tape interpreter.
 */
final class TapeCompiler {
    /** HotSpot's HugeMethodLimit: larger methods are never JIT-compiled (DontCompileHugeMethods). */
    static final int MAX_CODE_BYTES = 8000;
    /** Tapes longer than this are not even tried (their code would exceed {@link #MAX_CODE_BYTES}). */
    static final int MAX_TAPE = 2000;

    private static final String KERNEL = Type.getInternalName(TapeKernel.class);
    private static final String FUNCTION = Type.getInternalName(Functions.Function.class);
    private static final String FUNCTIONS = Type.getInternalName(Functions.class);
    private static final String TIME = Type.getInternalName(CompiledExpression.TimeDerivatives.class);
    private static final String TIME_DESC = Type.getDescriptor(CompiledExpression.TimeDerivatives.class);
    private static final String NAME = "org/memspice/spice/expr/CompiledTape";

    private final int[] op;
    private final int[] a;
    private final int[] b;
    private final int[] c;
    private final Functions.Function[] functions;
    private final int[][] callArgs;
    private final int variables;
    private final int n;
    /** reach[i]: entry i can receive a nonzero adjoint in the reverse sweep. */
    private final boolean[] reach;
    private final boolean hasDdt;
    /**
     * The region each entry is computed in: 0 for the whole expression, or {@link #branch} of a
     * ternary and its side, where every use of the entry lies in that side of that ternary (so the
     * forward sweep computes it only when the side is taken); null when every entry is computed
     * (no ternary, or a ddt(), whose recording of its argument must happen on every evaluation).
     */
    private final int[] home;
    /** The entries of each region in tape order; null as {@link #home}. */
    private final int[][] members;

    private MethodVisitor mv;
    // local variable slots of the method being emitted
    private int inSlot;
    private int kSlot;
    private int cvSlot;
    private int timeSlot;
    private int tmpSlot;
    private int valueBase;
    /** The local of entry i's adjoint, for the entries that can receive one (packed: fewer wide loads). */
    private int[] adjointSlot;
    private int gradBase;

    private TapeCompiler(int[] op, int[] a, int[] b, int[] c, Functions.Function[] functions, int[][] callArgs,
            int variables) {
        this.op = op;
        this.a = a;
        this.b = b;
        this.c = c;
        this.functions = functions;
        this.callArgs = callArgs;
        this.variables = variables;
        this.n = op.length;
        reach = new boolean[n];
        boolean ddt = false;
        for (int i = 0; i < n; i++) {
            ddt |= op[i] == CompiledExpression.DDT;
        }
        hasDdt = ddt;
        home = hasDdt ? null : homes(op, a, b, c, callArgs);
        members = home == null ? null : members(home, 2 * n + 1);
        reach[n - 1] = true;
        for (int i = n - 1; i >= 0; i--) {
            if (!reach[i]) {
                continue;
            }
            switch (op[i]) {
                case CompiledExpression.NEG:
                case CompiledExpression.DDT:
                    reach[a[i]] = true;
                    break;
                case CompiledExpression.ADD:
                case CompiledExpression.SUB:
                case CompiledExpression.MUL:
                case CompiledExpression.DIV:
                case CompiledExpression.POW:
                    reach[a[i]] = true;
                    reach[b[i]] = true;
                    break;
                case CompiledExpression.TERNARY:
                    reach[b[i]] = true;
                    reach[c[i]] = true;
                    break;
                case CompiledExpression.UNARY:
                    if (hasDerivative(b[i])) {
                        reach[a[i]] = true;
                    }
                    break;
                case CompiledExpression.CALL:
                    for (int arg : callArgs[i]) {
                        reach[arg] = true;
                    }
                    break;
                default:
                    // constants, variables, comparisons, logic: nothing further
            }
        }
    }

    /** The region of side {@code taken} (true: the value if true) of the ternary at entry {@code t}. */
    static int branch(int t, boolean taken) {
        return 1 + 2 * t + (taken ? 0 : 1);
    }

    /**
     * Each entry's region (see {@link #home}): the innermost region that holds all its uses, where
     * the operand b of a ternary at t is used in {@code branch(t, true)}, its operand c in
     * {@code branch(t, false)}, and any other operand in the region of its user. Uses come after
     * the entry in the tape, so one pass from the end settles every entry. Null when the tape has
     * no ternary. An entry is computed only when its region's ternaries take its way, so a
     * memristor window's exp() on the side not taken is not computed at all.
     */
    static int[] homes(int[] op, int[] a, int[] b, int[] c, int[][] callArgs) {
        int n = op.length;
        boolean ternary = false;
        for (int i = 0; i < n; i++) {
            ternary |= op[i] == CompiledExpression.TERNARY;
        }
        if (!ternary) {
            return null;
        }
        int[] home = new int[n];
        java.util.Arrays.fill(home, -1);
        // the enclosing region and depth of each region (region 0: the whole expression)
        int[] parent = new int[2 * n + 1];
        int[] depth = new int[2 * n + 1];
        home[n - 1] = 0;
        for (int i = n - 1; i >= 0; i--) {
            if (home[i] < 0) {
                home[i] = 0; // used by nothing (not produced by the compiler): computed always
            }
            int r = home[i];
            switch (op[i]) {
                case CompiledExpression.TERNARY: {
                    for (boolean taken : new boolean[] {true, false}) {
                        int br = branch(i, taken);
                        parent[br] = r;
                        depth[br] = depth[r] + 1;
                    }
                    use(home, parent, depth, a[i], r);
                    use(home, parent, depth, b[i], branch(i, true));
                    use(home, parent, depth, c[i], branch(i, false));
                    break;
                }
                case CompiledExpression.CONST:
                case CompiledExpression.VAR:
                    break;
                case CompiledExpression.CALL:
                    for (int arg : callArgs[i]) {
                        use(home, parent, depth, arg, r);
                    }
                    break;
                case CompiledExpression.NEG:
                case CompiledExpression.NOT:
                case CompiledExpression.DDT:
                case CompiledExpression.UNARY:
                    use(home, parent, depth, a[i], r);
                    break;
                default: // binary: arithmetic, comparisons, logic
                    use(home, parent, depth, a[i], r);
                    use(home, parent, depth, b[i], r);
            }
        }
        return home;
    }

    /** Entry {@code e} is used in region {@code r}: its region becomes the innermost one holding all its uses. */
    private static void use(int[] home, int[] parent, int[] depth, int e, int r) {
        int h = home[e];
        if (h < 0) {
            home[e] = r;
            return;
        }
        while (depth[h] > depth[r]) {
            h = parent[h];
        }
        while (depth[r] > depth[h]) {
            r = parent[r];
        }
        while (h != r) {
            h = parent[h];
            r = parent[r];
        }
        home[e] = h;
    }

    /** The entries of each of {@code regions} regions, in tape order. */
    private static int[][] members(int[] home, int regions) {
        int[] count = new int[regions];
        for (int h : home) {
            count[h]++;
        }
        int[][] m = new int[regions][];
        for (int r = 0; r < regions; r++) {
            m[r] = new int[count[r]];
            count[r] = 0;
        }
        for (int i = 0; i < home.length; i++) {
            m[home[i]][count[home[i]]++] = i;
        }
        return m;
    }

    /**
     * The kernel of a tape, or null when it is not compiled (too long for the JIT, or an
     * instruction this compiler does not know); the caller then interprets it.
     */
    static TapeKernel compile(int[] op, int[] a, int[] b, int[] c, Functions.Function[] functions, int[][] callArgs,
            int variables) {
        if (op.length == 0 || op.length > MAX_TAPE) {
            return null;
        }
        TapeCompiler t = new TapeCompiler(op, a, b, c, functions, callArgs, variables);
        byte[] bytes = t.generate();
        if (bytes == null) {
            return null;
        }
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup().defineHiddenClassWithClassData(bytes,
                    functions.clone(), true);
            return (TapeKernel) lookup.findConstructor(lookup.lookupClass(), MethodType.methodType(void.class))
                    .invoke();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("compiling an expression tape", e);
        }
    }

    /** The class file, or null when a method would be too large or an instruction is unknown. */
    private byte[] generate() {
        for (int i = 0; i < n; i++) {
            if (op[i] < CompiledExpression.CONST || op[i] > CompiledExpression.UNARY
                    || op[i] == CompiledExpression.UNARY && !knownUnary(b[i])) {
                return null;
            }
        }
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS) {
            @Override
            protected String getCommonSuperClass(String type1, String type2) {
                return "java/lang/Object"; // never needed: every merge point sees the same types
            }
        };
        cw.visit(V17, ACC_PUBLIC | ACC_FINAL | ACC_SUPER, NAME, null, KERNEL, null);
        for (int i = 0; i < n; i++) {
            if (op[i] == CompiledExpression.CALL) {
                cw.visitField(ACC_PRIVATE | ACC_STATIC | ACC_FINAL, "f" + i, "L" + FUNCTION + ";", null, null)
                        .visitEnd();
            }
        }
        classInit(cw);
        MethodVisitor init = cw.visitMethod(ACC_PUBLIC, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(ALOAD, 0);
        init.visitMethodInsn(INVOKESPECIAL, KERNEL, "<init>", "()V", false);
        init.visitInsn(RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();
        if (!evalMethod(cw) || !gradientMethod(cw)) {
            return null;
        }
        cw.visitEnd();
        return cw.toByteArray();
    }

    /** Static initializer: the function objects of the calls from the class data, into constants. */
    private void classInit(ClassWriter cw) {
        mv = cw.visitMethod(ACC_STATIC, "<clinit>", "()V", null, null);
        mv.visitCode();
        mv.visitMethodInsn(INVOKESTATIC, "java/lang/invoke/MethodHandles", "lookup",
                "()Ljava/lang/invoke/MethodHandles$Lookup;", false);
        mv.visitLdcInsn("_");
        mv.visitLdcInsn(Type.getType(Object[].class));
        mv.visitMethodInsn(INVOKESTATIC, "java/lang/invoke/MethodHandles", "classData",
                "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/Class;)Ljava/lang/Object;", false);
        mv.visitTypeInsn(CHECKCAST, "[Ljava/lang/Object;");
        for (int i = 0; i < n; i++) {
            if (op[i] == CompiledExpression.CALL) {
                mv.visitInsn(DUP);
                pushInt(i);
                mv.visitInsn(AALOAD);
                mv.visitTypeInsn(CHECKCAST, FUNCTION);
                mv.visitFieldInsn(PUTSTATIC, NAME, "f" + i, "L" + FUNCTION + ";");
            }
        }
        mv.visitInsn(org.objectweb.asm.Opcodes.POP);
        mv.visitInsn(RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /** eval(in, k, cv, time): the forward sweep. */
    private boolean evalMethod(ClassWriter cw) {
        mv = cw.visitMethod(0, "eval", "([D[D[[D" + TIME_DESC + ")D", null, null);
        mv.visitCode();
        inSlot = 1;
        kSlot = 2;
        cvSlot = 3;
        timeSlot = 4;
        tmpSlot = 5;
        valueBase = 7;
        forward();
        mv.visitVarInsn(DLOAD, value(n - 1));
        mv.visitInsn(DRETURN);
        return finish();
    }

    /** evalGradient(in, grad, k, cv, cp, time, constantAdjoint): forward sweep, then reverse. */
    private boolean gradientMethod(ClassWriter cw) {
        mv = cw.visitMethod(0, "evalGradient", "([D[D[D[[D[[D" + TIME_DESC + "[D)D", null, null);
        mv.visitCode();
        inSlot = 1;
        final int gradSlot = 2;
        kSlot = 3;
        cvSlot = 4;
        final int cpSlot = 5;
        timeSlot = 6;
        final int constantAdjointSlot = 7;
        final int coefficientSlot = 8;
        tmpSlot = 10;
        valueBase = 12;
        gradBase = valueBase + 2 * n;
        adjointSlot = new int[n];
        int next = gradBase + 2 * variables;
        for (int i = 0; i < n; i++) {
            if (reach[i]) {
                adjointSlot[i] = next;
                next += 2;
            }
        }
        if (next > 65535) {
            return false;
        }
        forward();
        if (hasDdt) {
            mv.visitVarInsn(ALOAD, timeSlot);
            mv.visitMethodInsn(INVOKEINTERFACE, TIME, "coefficient", "()D", true);
            mv.visitVarInsn(DSTORE, coefficientSlot);
        }
        for (int k = 0; k < variables; k++) {
            mv.visitInsn(DCONST_0);
            mv.visitVarInsn(DSTORE, gradBase + 2 * k);
        }
        for (int i = 0; i < n - 1; i++) {
            if (reach[i]) {
                mv.visitInsn(DCONST_0);
                mv.visitVarInsn(DSTORE, adjoint(i));
            }
        }
        mv.visitInsn(DCONST_1);
        mv.visitVarInsn(DSTORE, adjoint(n - 1));
        for (int i = n - 1; i >= 0; i--) {
            if (!reach[i] || !propagates(i)) {
                continue;
            }
            Label skip = new Label();
            if (i != n - 1) { // the last entry's adjoint is 1
                // if (gi == 0) continue: also keeps NaN of an untaken branch out of the derivative
                mv.visitVarInsn(DLOAD, adjoint(i));
                mv.visitInsn(DCONST_0);
                mv.visitInsn(DCMPL);
                mv.visitJumpInsn(IFEQ, skip);
            }
            reverse(i, gradSlot, cpSlot, coefficientSlot);
            mv.visitLabel(skip);
        }
        for (int k = 0; k < variables; k++) {
            mv.visitVarInsn(ALOAD, gradSlot);
            pushInt(k);
            mv.visitVarInsn(DLOAD, gradBase + 2 * k);
            mv.visitInsn(DASTORE);
        }
        Label noConstants = new Label();
        mv.visitVarInsn(ALOAD, constantAdjointSlot);
        mv.visitJumpInsn(IFNULL, noConstants);
        for (int i = 0; i < n; i++) {
            if (op[i] == CompiledExpression.CONST && reach[i]) {
                mv.visitVarInsn(ALOAD, constantAdjointSlot);
                pushInt(i);
                mv.visitVarInsn(DLOAD, adjoint(i));
                mv.visitInsn(DASTORE);
            }
        }
        mv.visitLabel(noConstants);
        mv.visitVarInsn(DLOAD, value(n - 1));
        mv.visitInsn(DRETURN);
        return finish();
    }

    /** Ends the method; false when its code is too large for the JIT. */
    private boolean finish() {
        Label end = new Label();
        mv.visitLabel(end);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        return end.getOffset() <= MAX_CODE_BYTES;
    }

    private int value(int i) {
        return valueBase + 2 * i;
    }

    private int adjoint(int i) {
        return adjointSlot[i];
    }

    private void pushInt(int v) {
        if (v >= -1 && v <= 5) {
            mv.visitInsn(ICONST_0 + v);
        } else if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) {
            mv.visitIntInsn(org.objectweb.asm.Opcodes.BIPUSH, v);
        } else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
            mv.visitIntInsn(org.objectweb.asm.Opcodes.SIPUSH, v);
        } else {
            mv.visitLdcInsn(v);
        }
    }

    private void pushDouble(double v) {
        if (Double.doubleToRawLongBits(v) == 0L) {
            mv.visitInsn(DCONST_0);
        } else if (v == 1.0) {
            mv.visitInsn(DCONST_1);
        } else {
            mv.visitLdcInsn(v);
        }
    }

    private void load(int i) {
        mv.visitVarInsn(DLOAD, value(i));
    }

    private void math(String name) {
        mv.visitMethodInsn(INVOKESTATIC, "java/lang/Math", name, "(D)D", false);
    }

    /**
     * Compares the two doubles on the stack and jumps to {@code no} when the relation does not
     * hold, as javac compiles {@code x < y} etc. (NaN: every relation false but !=).
     */
    private void jumpUnless(int relation, Label no) {
        switch (relation) {
            case CompiledExpression.LT: mv.visitInsn(DCMPG); mv.visitJumpInsn(IFGE, no); break;
            case CompiledExpression.LE: mv.visitInsn(DCMPG); mv.visitJumpInsn(IFGT, no); break;
            case CompiledExpression.GT: mv.visitInsn(DCMPL); mv.visitJumpInsn(IFLE, no); break;
            case CompiledExpression.GE: mv.visitInsn(DCMPL); mv.visitJumpInsn(IFLT, no); break;
            case CompiledExpression.EQ: mv.visitInsn(DCMPL); mv.visitJumpInsn(IFNE, no); break;
            case CompiledExpression.NE: mv.visitInsn(DCMPL); mv.visitJumpInsn(IFEQ, no); break;
            default: throw new IllegalArgumentException("relation " + relation);
        }
    }

    /** Pushes {@code relation ? yes : no} of the two doubles on the stack. */
    private void select(int relation, double yes, double no) {
        Label otherwise = new Label();
        Label end = new Label();
        jumpUnless(relation, otherwise);
        pushDouble(yes);
        mv.visitJumpInsn(GOTO, end);
        mv.visitLabel(otherwise);
        pushDouble(no);
        mv.visitLabel(end);
    }

    /** Pushes {@code x relation 0 ? 1 : 0} for the value in local {@code slot}. */
    private void zeroTest(int slot, int relation) {
        mv.visitVarInsn(DLOAD, slot);
        mv.visitInsn(DCONST_0);
        select(relation, 1, 0);
    }

    /**
     * The forward sweep: every entry's value into its local, in tape order; with regions
     * ({@link #home}), each ternary computes the entries of the side it takes, in tape order,
     * where it stands. The locals of entries in a branch start at 0 (the verifier wants every
     * local assigned on every path); the reverse sweep never reads one of a side not taken, whose
     * adjoints stay 0.
     */
    private void forward() {
        if (home == null) {
            for (int i = 0; i < n; i++) {
                entry(i);
            }
            return;
        }
        for (int i = 0; i < n; i++) {
            if (home[i] != 0) {
                mv.visitInsn(DCONST_0);
                mv.visitVarInsn(DSTORE, value(i));
            }
        }
        region(0);
    }

    /** The entries of region {@code r}, each ternary with the side it takes. */
    private void region(int r) {
        for (int i : members[r]) {
            if (op[i] == CompiledExpression.TERNARY) {
                ternary(i, true);
                mv.visitVarInsn(DSTORE, value(i));
            } else {
                entry(i);
            }
        }
    }

    /**
     * Pushes the value of the ternary at entry i: its condition, then the side it takes, with that
     * side's region computed there first when {@code withRegions}.
     */
    private void ternary(int i, boolean withRegions) {
        Label otherwise = new Label();
        Label end = new Label();
        load(a[i]);
        mv.visitInsn(DCONST_0);
        jumpUnless(CompiledExpression.NE, otherwise);
        if (withRegions) {
            region(branch(i, true));
        }
        load(b[i]);
        mv.visitJumpInsn(GOTO, end);
        mv.visitLabel(otherwise);
        if (withRegions) {
            region(branch(i, false));
        }
        load(c[i]);
        mv.visitLabel(end);
    }

    /** Entry i's value into its local. */
    private void entry(int i) {
        switch (op[i]) {
            case CompiledExpression.CONST:
                mv.visitVarInsn(ALOAD, kSlot);
                pushInt(i);
                mv.visitInsn(DALOAD);
                break;
            case CompiledExpression.VAR:
                mv.visitVarInsn(ALOAD, inSlot);
                pushInt(a[i]);
                mv.visitInsn(DALOAD);
                break;
            case CompiledExpression.NEG:
                load(a[i]);
                mv.visitInsn(DNEG);
                break;
            case CompiledExpression.ADD: load(a[i]); load(b[i]); mv.visitInsn(DADD); break;
            case CompiledExpression.SUB: load(a[i]); load(b[i]); mv.visitInsn(DSUB); break;
            case CompiledExpression.MUL: load(a[i]); load(b[i]); mv.visitInsn(DMUL); break;
            case CompiledExpression.DIV: load(a[i]); load(b[i]); mv.visitInsn(DDIV); break;
            case CompiledExpression.POW:
                load(a[i]);
                load(b[i]);
                mv.visitMethodInsn(INVOKESTATIC, FUNCTIONS, "pow", "(DD)D", false);
                break;
            case CompiledExpression.LT:
            case CompiledExpression.LE:
            case CompiledExpression.GT:
            case CompiledExpression.GE:
            case CompiledExpression.EQ:
            case CompiledExpression.NE:
                load(a[i]);
                load(b[i]);
                select(op[i], 1, 0);
                break;
            case CompiledExpression.AND:
            case CompiledExpression.OR: {
                // a != 0 && b != 0 ? 1 : 0, a != 0 || b != 0 ? 1 : 0
                Label no = new Label();
                Label yes = new Label();
                Label end = new Label();
                load(a[i]);
                mv.visitInsn(DCONST_0);
                mv.visitInsn(DCMPL);
                if (op[i] == CompiledExpression.AND) {
                    mv.visitJumpInsn(IFEQ, no);
                } else {
                    mv.visitJumpInsn(IFNE, yes);
                }
                load(b[i]);
                mv.visitInsn(DCONST_0);
                mv.visitInsn(DCMPL);
                mv.visitJumpInsn(IFEQ, no);
                mv.visitLabel(yes);
                mv.visitInsn(DCONST_1);
                mv.visitJumpInsn(GOTO, end);
                mv.visitLabel(no);
                mv.visitInsn(DCONST_0);
                mv.visitLabel(end);
                break;
            }
            case CompiledExpression.NOT:
                zeroTest(value(a[i]), CompiledExpression.EQ);
                break;
            case CompiledExpression.TERNARY:
                ternary(i, false);
                break;
            case CompiledExpression.UNARY:
                unaryValue(b[i], value(a[i]));
                break;
            case CompiledExpression.DDT: {
                // Double.isFinite(arg) ? time.derivative(slot, arg) : NaN
                Label notFinite = new Label();
                Label end = new Label();
                load(a[i]);
                mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "isFinite", "(D)Z", false);
                mv.visitJumpInsn(IFEQ, notFinite);
                mv.visitVarInsn(ALOAD, timeSlot);
                pushInt(b[i]);
                load(a[i]);
                mv.visitMethodInsn(INVOKEINTERFACE, TIME, "derivative", "(ID)D", true);
                mv.visitJumpInsn(GOTO, end);
                mv.visitLabel(notFinite);
                mv.visitLdcInsn(Double.NaN);
                mv.visitLabel(end);
                break;
            }
            default: // CALL
                mv.visitFieldInsn(GETSTATIC, NAME, "f" + i, "L" + FUNCTION + ";");
                callArguments(i);
                mv.visitMethodInsn(INVOKEINTERFACE, FUNCTION, "value", "([D)D", true);
        }
        mv.visitVarInsn(DSTORE, value(i));
    }

    /** Pushes cv[i] filled with the values of the call's arguments. */
    private void callArguments(int i) {
        mv.visitVarInsn(ALOAD, cvSlot);
        pushInt(i);
        mv.visitInsn(AALOAD);
        int[] args = callArgs[i];
        for (int k = 0; k < args.length; k++) {
            mv.visitInsn(DUP);
            pushInt(k);
            load(args[k]);
            mv.visitInsn(DASTORE);
        }
    }

    /** True when the instruction at i passes its adjoint on (see {@link CompiledExpression#evalGradient}). */
    private boolean propagates(int i) {
        switch (op[i]) {
            case CompiledExpression.VAR:
            case CompiledExpression.NEG:
            case CompiledExpression.ADD:
            case CompiledExpression.SUB:
            case CompiledExpression.MUL:
            case CompiledExpression.DIV:
            case CompiledExpression.POW:
            case CompiledExpression.DDT:
            case CompiledExpression.TERNARY:
            case CompiledExpression.CALL:
                return true;
            case CompiledExpression.UNARY:
                return hasDerivative(b[i]);
            default:
                return false;
        }
    }

    /** The reverse-sweep step of entry i, its adjoint known nonzero. */
    private void reverse(int i, int gradSlot, int cpSlot, int coefficientSlot) {
        int gi = adjoint(i);
        switch (op[i]) {
            case CompiledExpression.VAR:
                if (a[i] < variables) {
                    int acc = gradBase + 2 * a[i];
                    mv.visitVarInsn(DLOAD, acc);
                    mv.visitVarInsn(DLOAD, gi);
                    mv.visitInsn(DADD);
                    mv.visitVarInsn(DSTORE, acc);
                } else { // beyond the cleared part of grad: accumulate into the array, as the interpreter
                    mv.visitVarInsn(ALOAD, gradSlot);
                    pushInt(a[i]);
                    mv.visitInsn(DUP2);
                    mv.visitInsn(DALOAD);
                    mv.visitVarInsn(DLOAD, gi);
                    mv.visitInsn(DADD);
                    mv.visitInsn(DASTORE);
                }
                break;
            case CompiledExpression.NEG:
                add(a[i], false, () -> mv.visitVarInsn(DLOAD, gi));
                break;
            case CompiledExpression.ADD:
                add(a[i], true, () -> mv.visitVarInsn(DLOAD, gi));
                add(b[i], true, () -> mv.visitVarInsn(DLOAD, gi));
                break;
            case CompiledExpression.SUB:
                add(a[i], true, () -> mv.visitVarInsn(DLOAD, gi));
                add(b[i], false, () -> mv.visitVarInsn(DLOAD, gi));
                break;
            case CompiledExpression.MUL:
                add(a[i], true, () -> {
                    mv.visitVarInsn(DLOAD, gi);
                    load(b[i]);
                    mv.visitInsn(DMUL);
                });
                add(b[i], true, () -> {
                    mv.visitVarInsn(DLOAD, gi);
                    load(a[i]);
                    mv.visitInsn(DMUL);
                });
                break;
            case CompiledExpression.DIV:
                // g[a] += gi / y; g[b] -= gi * v[a] / (y * y)
                add(a[i], true, () -> {
                    mv.visitVarInsn(DLOAD, gi);
                    load(b[i]);
                    mv.visitInsn(DDIV);
                });
                add(b[i], false, () -> {
                    mv.visitVarInsn(DLOAD, gi);
                    load(a[i]);
                    mv.visitInsn(DMUL);
                    load(b[i]);
                    load(b[i]);
                    mv.visitInsn(DMUL);
                    mv.visitInsn(DDIV);
                });
                break;
            case CompiledExpression.POW:
                add(a[i], true, () -> {
                    mv.visitVarInsn(DLOAD, gi);
                    load(a[i]);
                    load(b[i]);
                    mv.visitMethodInsn(INVOKESTATIC, FUNCTIONS, "powDx", "(DD)D", false);
                    mv.visitInsn(DMUL);
                });
                add(b[i], true, () -> {
                    mv.visitVarInsn(DLOAD, gi);
                    load(a[i]);
                    load(b[i]);
                    mv.visitMethodInsn(INVOKESTATIC, FUNCTIONS, "powDy", "(DD)D", false);
                    mv.visitInsn(DMUL);
                });
                break;
            case CompiledExpression.DDT:
                add(a[i], true, () -> {
                    mv.visitVarInsn(DLOAD, gi);
                    mv.visitVarInsn(DLOAD, coefficientSlot);
                    mv.visitInsn(DMUL);
                });
                break;
            case CompiledExpression.TERNARY: {
                Label otherwise = new Label();
                Label end = new Label();
                load(a[i]);
                mv.visitInsn(DCONST_0);
                jumpUnless(CompiledExpression.NE, otherwise);
                add(b[i], true, () -> mv.visitVarInsn(DLOAD, gi));
                mv.visitJumpInsn(GOTO, end);
                mv.visitLabel(otherwise);
                add(c[i], true, () -> mv.visitVarInsn(DLOAD, gi));
                mv.visitLabel(end);
                break;
            }
            case CompiledExpression.UNARY: {
                // d = derivative (exp: the forward value); if (d != 0) g[a] += gi * d
                unaryDerivative(b[i], value(a[i]), value(i));
                mv.visitVarInsn(DSTORE, tmpSlot);
                Label zero = new Label();
                mv.visitVarInsn(DLOAD, tmpSlot);
                mv.visitInsn(DCONST_0);
                mv.visitInsn(DCMPL);
                mv.visitJumpInsn(IFEQ, zero);
                add(a[i], true, () -> {
                    mv.visitVarInsn(DLOAD, gi);
                    mv.visitVarInsn(DLOAD, tmpSlot);
                    mv.visitInsn(DMUL);
                });
                mv.visitLabel(zero);
                break;
            }
            case CompiledExpression.CALL: {
                mv.visitFieldInsn(GETSTATIC, NAME, "f" + i, "L" + FUNCTION + ";");
                callArguments(i);
                mv.visitVarInsn(ALOAD, cpSlot);
                pushInt(i);
                mv.visitInsn(AALOAD);
                mv.visitMethodInsn(INVOKEINTERFACE, FUNCTION, "partials", "([D[D)V", true);
                int[] args = callArgs[i];
                for (int k = 0; k < args.length; k++) {
                    final int kk = k;
                    Label zero = new Label();
                    partial(cpSlot, i, k);
                    mv.visitInsn(DCONST_0);
                    mv.visitInsn(DCMPL);
                    mv.visitJumpInsn(IFEQ, zero);
                    add(args[k], true, () -> {
                        mv.visitVarInsn(DLOAD, gi);
                        partial(cpSlot, i, kk);
                        mv.visitInsn(DMUL);
                    });
                    mv.visitLabel(zero);
                }
                break;
            }
            default:
                throw new IllegalStateException("no reverse step for op " + op[i]);
        }
    }

    /** Pushes cp[i][k]. */
    private void partial(int cpSlot, int i, int k) {
        mv.visitVarInsn(ALOAD, cpSlot);
        pushInt(i);
        mv.visitInsn(AALOAD);
        pushInt(k);
        mv.visitInsn(DALOAD);
    }

    /** adjoint(target) = adjoint(target) +/- (the term {@code term} pushes). */
    private void add(int target, boolean plus, Runnable term) {
        mv.visitVarInsn(DLOAD, adjoint(target));
        term.run();
        mv.visitInsn(plus ? DADD : DSUB);
        mv.visitVarInsn(DSTORE, adjoint(target));
    }

    private static boolean knownUnary(int id) {
        return id >= Functions.ABS && id <= Functions.LE0;
    }

    /** False for the functions whose derivative is 0 everywhere (steps, rounding, zero tests). */
    private static boolean hasDerivative(int id) {
        switch (id) {
            case Functions.U: case Functions.SGN: case Functions.FLOOR: case Functions.CEIL: case Functions.INT:
            case Functions.NINT: case Functions.EQ0: case Functions.NE0: case Functions.GT0: case Functions.LT0:
            case Functions.GE0: case Functions.LE0:
                return false;
            default:
                return true;
        }
    }

    /** Pushes {@link Functions#unaryValue}(id, x) for x in local {@code x}, computed the same way. */
    private void unaryValue(int id, int x) {
        switch (id) {
            case Functions.ABS: mv.visitVarInsn(DLOAD, x); math("abs"); break;
            case Functions.SQRT: mv.visitVarInsn(DLOAD, x); math("sqrt"); break;
            case Functions.SQR: mv.visitVarInsn(DLOAD, x); mv.visitVarInsn(DLOAD, x); mv.visitInsn(DMUL); break;
            case Functions.EXP: mv.visitVarInsn(DLOAD, x); math("exp"); break;
            case Functions.LN: mv.visitVarInsn(DLOAD, x); math("log"); break;
            case Functions.LOG10: mv.visitVarInsn(DLOAD, x); math("log10"); break;
            case Functions.SIN: mv.visitVarInsn(DLOAD, x); math("sin"); break;
            case Functions.COS: mv.visitVarInsn(DLOAD, x); math("cos"); break;
            case Functions.TAN: mv.visitVarInsn(DLOAD, x); math("tan"); break;
            case Functions.ASIN: mv.visitVarInsn(DLOAD, x); math("asin"); break;
            case Functions.ACOS: mv.visitVarInsn(DLOAD, x); math("acos"); break;
            case Functions.ATAN: mv.visitVarInsn(DLOAD, x); math("atan"); break;
            case Functions.SINH: mv.visitVarInsn(DLOAD, x); functions("sinh"); break;
            case Functions.COSH: mv.visitVarInsn(DLOAD, x); functions("cosh"); break;
            case Functions.TANH: mv.visitVarInsn(DLOAD, x); math("tanh"); break;
            case Functions.ASINH: // Math.log(x + Math.sqrt(x * x + 1))
            case Functions.ACOSH: // Math.log(x + Math.sqrt(x * x - 1))
                mv.visitVarInsn(DLOAD, x);
                mv.visitVarInsn(DLOAD, x);
                mv.visitVarInsn(DLOAD, x);
                mv.visitInsn(DMUL);
                mv.visitInsn(DCONST_1);
                mv.visitInsn(id == Functions.ASINH ? DADD : DSUB);
                math("sqrt");
                mv.visitInsn(DADD);
                math("log");
                break;
            case Functions.ATANH: // 0.5 * Math.log((1 + x) / (1 - x))
                mv.visitLdcInsn(0.5);
                mv.visitInsn(DCONST_1);
                mv.visitVarInsn(DLOAD, x);
                mv.visitInsn(DADD);
                mv.visitInsn(DCONST_1);
                mv.visitVarInsn(DLOAD, x);
                mv.visitInsn(DSUB);
                mv.visitInsn(DDIV);
                math("log");
                mv.visitInsn(DMUL);
                break;
            case Functions.U: { // x > 0 ? 1 : x < 0 ? 0 : 0.5
                Label notPositive = new Label();
                Label end = new Label();
                mv.visitVarInsn(DLOAD, x);
                mv.visitInsn(DCONST_0);
                jumpUnless(CompiledExpression.GT, notPositive);
                mv.visitInsn(DCONST_1);
                mv.visitJumpInsn(GOTO, end);
                mv.visitLabel(notPositive);
                mv.visitVarInsn(DLOAD, x);
                mv.visitInsn(DCONST_0);
                select(CompiledExpression.LT, 0, 0.5);
                mv.visitLabel(end);
                break;
            }
            case Functions.U2: { // x <= 0 ? 0 : x <= 1 ? x : 1
                Label positive = new Label();
                Label above = new Label();
                Label end = new Label();
                mv.visitVarInsn(DLOAD, x);
                mv.visitInsn(DCONST_0);
                jumpUnless(CompiledExpression.LE, positive);
                mv.visitInsn(DCONST_0);
                mv.visitJumpInsn(GOTO, end);
                mv.visitLabel(positive);
                mv.visitVarInsn(DLOAD, x);
                mv.visitInsn(DCONST_1);
                jumpUnless(CompiledExpression.LE, above);
                mv.visitVarInsn(DLOAD, x);
                mv.visitJumpInsn(GOTO, end);
                mv.visitLabel(above);
                mv.visitInsn(DCONST_1);
                mv.visitLabel(end);
                break;
            }
            case Functions.URAMP: { // x > 0 ? x : 0
                Label otherwise = new Label();
                Label end = new Label();
                mv.visitVarInsn(DLOAD, x);
                mv.visitInsn(DCONST_0);
                jumpUnless(CompiledExpression.GT, otherwise);
                mv.visitVarInsn(DLOAD, x);
                mv.visitJumpInsn(GOTO, end);
                mv.visitLabel(otherwise);
                mv.visitInsn(DCONST_0);
                mv.visitLabel(end);
                break;
            }
            case Functions.SGN: mv.visitVarInsn(DLOAD, x); math("signum"); break;
            case Functions.FLOOR: mv.visitVarInsn(DLOAD, x); math("floor"); break;
            case Functions.CEIL: mv.visitVarInsn(DLOAD, x); math("ceil"); break;
            case Functions.INT: { // x < 0 ? Math.ceil(x) : Math.floor(x)
                Label otherwise = new Label();
                Label end = new Label();
                mv.visitVarInsn(DLOAD, x);
                mv.visitInsn(DCONST_0);
                jumpUnless(CompiledExpression.LT, otherwise);
                mv.visitVarInsn(DLOAD, x);
                math("ceil");
                mv.visitJumpInsn(GOTO, end);
                mv.visitLabel(otherwise);
                mv.visitVarInsn(DLOAD, x);
                math("floor");
                mv.visitLabel(end);
                break;
            }
            case Functions.NINT: mv.visitVarInsn(DLOAD, x); math("rint"); break;
            case Functions.EQ0: zeroTest(x, CompiledExpression.EQ); break;
            case Functions.NE0: zeroTest(x, CompiledExpression.NE); break;
            case Functions.GT0: zeroTest(x, CompiledExpression.GT); break;
            case Functions.LT0: zeroTest(x, CompiledExpression.LT); break;
            case Functions.GE0: zeroTest(x, CompiledExpression.GE); break;
            case Functions.LE0: zeroTest(x, CompiledExpression.LE); break;
            default: throw new IllegalArgumentException("unary function " + id);
        }
    }

    private void functions(String name) {
        mv.visitMethodInsn(INVOKESTATIC, FUNCTIONS, name, "(D)D", false);
    }

    /**
     * Pushes the derivative the interpreter's reverse sweep uses for unary function id at x (local
     * {@code x}): {@link Functions#unaryDerivative}, computed the same way, and for exp the
     * forward value (local {@code value}).
     */
    private void unaryDerivative(int id, int x, int value) {
        switch (id) {
            case Functions.ABS: // x >= 0 ? 1 : -1
                mv.visitVarInsn(DLOAD, x);
                mv.visitInsn(DCONST_0);
                select(CompiledExpression.GE, 1, -1);
                break;
            case Functions.SQRT: // 0.5 / Math.sqrt(x)
                mv.visitLdcInsn(0.5);
                mv.visitVarInsn(DLOAD, x);
                math("sqrt");
                mv.visitInsn(DDIV);
                break;
            case Functions.SQR: // 2 * x
                mv.visitLdcInsn(2.0);
                mv.visitVarInsn(DLOAD, x);
                mv.visitInsn(DMUL);
                break;
            case Functions.EXP:
                mv.visitVarInsn(DLOAD, value);
                break;
            case Functions.LN: // 1 / x
                mv.visitInsn(DCONST_1);
                mv.visitVarInsn(DLOAD, x);
                mv.visitInsn(DDIV);
                break;
            case Functions.LOG10: // 1 / (x * Math.log(10))
                mv.visitInsn(DCONST_1);
                mv.visitVarInsn(DLOAD, x);
                mv.visitLdcInsn(10.0);
                math("log");
                mv.visitInsn(DMUL);
                mv.visitInsn(DDIV);
                break;
            case Functions.SIN: mv.visitVarInsn(DLOAD, x); math("cos"); break;
            case Functions.COS: mv.visitVarInsn(DLOAD, x); math("sin"); mv.visitInsn(DNEG); break;
            case Functions.TAN: // 1 / (Math.cos(x) * Math.cos(x))
                mv.visitInsn(DCONST_1);
                mv.visitVarInsn(DLOAD, x);
                math("cos");
                mv.visitVarInsn(DLOAD, x);
                math("cos");
                mv.visitInsn(DMUL);
                mv.visitInsn(DDIV);
                break;
            case Functions.ASIN: // 1 / Math.sqrt(1 - x * x)
            case Functions.ACOS: // -1 / Math.sqrt(1 - x * x)
                pushDouble(id == Functions.ASIN ? 1.0 : -1.0);
                mv.visitInsn(DCONST_1);
                mv.visitVarInsn(DLOAD, x);
                mv.visitVarInsn(DLOAD, x);
                mv.visitInsn(DMUL);
                mv.visitInsn(DSUB);
                math("sqrt");
                mv.visitInsn(DDIV);
                break;
            case Functions.ATAN: // 1 / (1 + x * x)
                mv.visitInsn(DCONST_1);
                mv.visitInsn(DCONST_1);
                mv.visitVarInsn(DLOAD, x);
                mv.visitVarInsn(DLOAD, x);
                mv.visitInsn(DMUL);
                mv.visitInsn(DADD);
                mv.visitInsn(DDIV);
                break;
            case Functions.SINH: mv.visitVarInsn(DLOAD, x); functions("cosh"); break;
            case Functions.COSH: mv.visitVarInsn(DLOAD, x); functions("sinh"); break;
            case Functions.TANH: // 1 - Math.tanh(x) * Math.tanh(x)
                mv.visitInsn(DCONST_1);
                mv.visitVarInsn(DLOAD, x);
                math("tanh");
                mv.visitVarInsn(DLOAD, x);
                math("tanh");
                mv.visitInsn(DMUL);
                mv.visitInsn(DSUB);
                break;
            case Functions.ASINH: // 1 / Math.sqrt(x * x + 1)
            case Functions.ACOSH: // 1 / Math.sqrt(x * x - 1)
                mv.visitInsn(DCONST_1);
                mv.visitVarInsn(DLOAD, x);
                mv.visitVarInsn(DLOAD, x);
                mv.visitInsn(DMUL);
                mv.visitInsn(DCONST_1);
                mv.visitInsn(id == Functions.ASINH ? DADD : DSUB);
                math("sqrt");
                mv.visitInsn(DDIV);
                break;
            case Functions.ATANH: // 1 / (1 - x * x)
                mv.visitInsn(DCONST_1);
                mv.visitInsn(DCONST_1);
                mv.visitVarInsn(DLOAD, x);
                mv.visitVarInsn(DLOAD, x);
                mv.visitInsn(DMUL);
                mv.visitInsn(DSUB);
                mv.visitInsn(DDIV);
                break;
            case Functions.U2: { // x > 0 && x <= 1 ? 1 : 0
                Label no = new Label();
                Label end = new Label();
                mv.visitVarInsn(DLOAD, x);
                mv.visitInsn(DCONST_0);
                jumpUnless(CompiledExpression.GT, no);
                mv.visitVarInsn(DLOAD, x);
                mv.visitInsn(DCONST_1);
                jumpUnless(CompiledExpression.LE, no);
                mv.visitInsn(DCONST_1);
                mv.visitJumpInsn(GOTO, end);
                mv.visitLabel(no);
                mv.visitInsn(DCONST_0);
                mv.visitLabel(end);
                break;
            }
            case Functions.URAMP: zeroTest(x, CompiledExpression.GT); break;
            default: throw new IllegalArgumentException("unary function " + id + " has no derivative");
        }
    }
}
