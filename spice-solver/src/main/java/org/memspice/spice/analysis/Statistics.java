package org.memspice.spice.analysis;

import java.util.Locale;
import org.memspice.spice.linalg.SparseLu;

/** Counters of one analysis run, printed by {@code memspice sim --stats}. */
public final class Statistics {
    public String analysis;
    public int unknowns;
    public int matrixNonZeros;
    public int factorNonZeros;
    /** Diagonal blocks of the block triangular form the LU factors separately (1: irreducible). */
    public int blocks = 1;
    /** The fill-reducing ordering chosen (of the largest block); null when nothing was factored. */
    public SparseLu.Ordering ordering;
    /** The most threads a factorization was shared among (1: one thread). */
    public int factorThreads = 1;
    public long acceptedSteps;
    public long rejectedTruncation;
    public long rejectedNewton;
    public long newtonIterations;
    /** Newton iterations that reused earlier LU factors (modified Newton's chord steps). */
    public long chordIterations;
    /** Of the chord steps, those that began a time point with the previous point's factors. */
    public long previousPointChords;
    /** Chord steps discarded for poor contraction and replaced by a Newton step from the same load. */
    public long rejectedChords;
    /** Time points where modified Newton's chord stalled and full Newton finished or redid the point. */
    public long newtonFallbacks;
    /** Newton steps solved by GMRES on earlier factors instead of a refactorization, and their iterations. */
    public long krylovSteps;
    public long krylovIterations;
    /** GMRES solves that reached their iteration limit (each followed by a refactorization). */
    public long krylovFailures;
    public long fullFactorizations;
    public long refactorizations;
    public double setupSeconds;
    public double solveSeconds;

    private String krylov() {
        if (krylovSteps + krylovFailures == 0) {
            return "";
        }
        return String.format(Locale.ROOT, ", %d Newton steps by GMRES on earlier factors (%d iterations, %d solves gave up)",
                krylovSteps, krylovIterations, krylovFailures);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT,
                "%s: %d unknowns, %d matrix nonzeros, %d in L+U%s%s; %d points accepted, %d rejected by truncation error,"
                        + " %d by Newton failure; %d Newton iterations (%d with reused factors, %d of them the previous point's, %d chord steps"
                        + " redone as Newton steps, %d points finished by full Newton)%s; %d full LU factorizations, %d refactorizations;"
                        + " setup %.3f s, solve %.3f s",
                analysis, unknowns, matrixNonZeros, factorNonZeros, blocks > 1 ? " of " + blocks + " diagonal blocks" : "",
                ordering == null ? "" : " (" + (ordering == SparseLu.Ordering.NESTED_DISSECTION
                        ? "nested dissection" : "minimum degree") + (factorThreads > 1
                        ? ", factored on up to " + factorThreads + " threads" : "") + ")",
                acceptedSteps, rejectedTruncation, rejectedNewton, newtonIterations, chordIterations, previousPointChords, rejectedChords,
                newtonFallbacks, krylov(), fullFactorizations, refactorizations, setupSeconds, solveSeconds);
    }
}
