/*
 * Times SuiteSparse KLU (and its AMD/COLAMD orderings) on a Matrix Market matrix written by
 * memspice's FactorBench (--export PREFIX): analysis, first factorization, refactorization and
 * solve, best of REPEAT runs, with L+U entries and flops as KLU counts them.
 *   cc -O2 -o klu-bench bench/klu-bench.c -I/usr/include/suitesparse -lklu -lamd -lcolamd -lbtf -lsuitesparseconfig -lm
 *   ./klu-bench PREFIX.mtx PREFIX_b.mtx [REPEAT]
 * Prints one line per run (wall and CPU seconds) and a last line
 * "klu best (cpu): analyze A s, factor F s, refactor R s".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <math.h>
#include <klu.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + 1e-9 * t.tv_nsec;
}

/* CPU time of this (single) thread: on a shared machine it is what the work costs */
static double cpu(void) {
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return t.tv_sec + 1e-9 * t.tv_nsec;
}

static void die(const char *m) {
    fprintf(stderr, "klu-bench: %s\n", m);
    exit(2);
}

/* reads a coordinate real general Matrix Market file into compressed columns (sums duplicates) */
static void read_matrix(const char *file, int *n_out, int **ap_out, int **ai_out, double **ax_out) {
    FILE *f = fopen(file, "r");
    if (!f) die("cannot open matrix");
    char line[512];
    do {
        if (!fgets(line, sizeof line, f)) die("empty matrix file");
    } while (line[0] == '%');
    int m, n, nz;
    if (sscanf(line, "%d %d %d", &m, &n, &nz) != 3 || m != n) die("not a square coordinate matrix");
    int *ti = malloc(sizeof(int) * nz), *tj = malloc(sizeof(int) * nz);
    double *tx = malloc(sizeof(double) * nz);
    for (int k = 0; k < nz; k++) {
        if (fscanf(f, "%d %d %lf", &ti[k], &tj[k], &tx[k]) != 3) die("short matrix file");
        ti[k]--; tj[k]--;
    }
    fclose(f);
    int *ap = calloc(n + 1, sizeof(int)), *ai = malloc(sizeof(int) * nz);
    double *ax = malloc(sizeof(double) * nz);
    for (int k = 0; k < nz; k++) ap[tj[k] + 1]++;
    for (int j = 0; j < n; j++) ap[j + 1] += ap[j];
    int *next = malloc(sizeof(int) * n);
    memcpy(next, ap, sizeof(int) * n);
    for (int k = 0; k < nz; k++) {
        int p = next[tj[k]]++;
        ai[p] = ti[k];
        ax[p] = tx[k];
    }
    free(next); free(ti); free(tj); free(tx);
    *n_out = n; *ap_out = ap; *ai_out = ai; *ax_out = ax;
}

static double *read_vector(const char *file, int n) {
    FILE *f = fopen(file, "r");
    if (!f) die("cannot open vector");
    char line[512];
    do {
        if (!fgets(line, sizeof line, f)) die("empty vector file");
    } while (line[0] == '%');
    double *b = malloc(sizeof(double) * n);
    for (int i = 0; i < n; i++)
        if (fscanf(f, "%lf", &b[i]) != 1) die("short vector file");
    fclose(f);
    return b;
}

int main(int argc, char **argv) {
    if (argc < 3) die("usage: klu-bench A.mtx b.mtx [REPEAT]");
    int repeat = argc > 3 ? atoi(argv[3]) : 3;
    int n, *ap, *ai;
    double *ax;
    read_matrix(argv[1], &n, &ap, &ai, &ax);
    double *b0 = read_vector(argv[2], n);
    double *b = malloc(sizeof(double) * n);
    double best_an = 1e30, best_f = 1e30, best_r = 1e30;
    for (int r = 1; r <= repeat; r++) {
        klu_common c;
        klu_defaults(&c);
        double t0 = now(), c0 = cpu();
        klu_symbolic *s = klu_analyze(n, ap, ai, &c);
        double t1 = now(), c1 = cpu();
        if (!s) die("klu_analyze failed");
        klu_numeric *num = klu_factor(ap, ai, ax, s, &c);
        double t2 = now(), c2 = cpu();
        if (!num) die("klu_factor failed");
        klu_refactor(ap, ai, ax, s, num, &c);
        double t3 = now(), c3 = cpu();
        memcpy(b, b0, sizeof(double) * n);
        klu_solve(s, num, n, 1, b, &c);
        double t4 = now();
        klu_flops(s, num, &c);
        /* relative residual */
        double *res = malloc(sizeof(double) * n);
        memcpy(res, b0, sizeof(double) * n);
        for (int j = 0; j < n; j++)
            for (int p = ap[j]; p < ap[j + 1]; p++) res[ai[p]] -= ax[p] * b[j];
        double rn = 0, bn = 0;
        for (int i = 0; i < n; i++) {
            rn = fmax(rn, fabs(res[i]));
            bn = fmax(bn, fabs(b0[i]));
        }
        free(res);
        long lu = (long) num->lnz + num->unz; /* both include the diagonal */
        printf("klu run %d: n %d, blocks %d, L+U %ld (diagonal once %ld), flops %.3g, analyze %.3f s wall %.3f s cpu, "
               "factor %.3f s wall %.3f s cpu, refactor %.3f s wall %.3f s cpu, solve %.4f s, residual %.2e\n",
               r, n, s->nblocks, lu, lu - n, c.flops, t1 - t0, c1 - c0, t2 - t1, c2 - c1, t3 - t2, c3 - c2,
               t4 - t3, bn > 0 ? rn / bn : rn);
        best_an = fmin(best_an, c1 - c0);
        best_f = fmin(best_f, c2 - c1);
        best_r = fmin(best_r, c3 - c2);
        klu_free_numeric(&num, &c);
        klu_free_symbolic(&s, &c);
    }
    printf("klu best (cpu): analyze %.3f s, factor %.3f s, refactor %.3f s\n", best_an, best_f, best_r);
    return 0;
}
