/*
 * How fast this machine hands out fresh memory: maps SIZE MiB of anonymous memory (advised for
 * transparent huge pages, as the memspice launcher's JVM heap is), writes one byte per 4 kB page,
 * and prints the seconds that took and the seconds a second pass over the same memory takes.
 * The first pass is what a large netlist pays for every page of heap it touches for the first
 * time; on a virtual machine whose host backs guest memory lazily it varied from 0.3 to 2.6 s per
 * GiB within one hour (BENCHMARKS.md), and `bench/sim-scale.sh` prints it beside its runs.
 * usage: fresh-memory [SIZE_MIB]   (default 1024)
 */
#define _DEFAULT_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
    char *end = NULL;
    long mib = argc > 1 ? strtol(argv[1], &end, 10) : 1024;
    if (argc > 1 && (*end != '\0' || mib < 1 || mib > 65536)) {
        fprintf(stderr, "fresh-memory: SIZE_MIB must be a whole number from 1 to 65536, not '%s'\n", argv[1]);
        return 2;
    }
    size_t n = (size_t) mib << 20;
    char *p = mmap(NULL, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) {
        perror("fresh-memory: mmap");
        return 1;
    }
#ifdef MADV_HUGEPAGE
    madvise(p, n, MADV_HUGEPAGE);
#endif
    double t0 = now();
    for (size_t i = 0; i < n; i += 4096) {
        p[i] = 1;
    }
    double first = now() - t0;
    t0 = now();
    for (size_t i = 0; i < n; i += 4096) {
        p[i] = 2;
    }
    double again = now() - t0;
    printf("fresh memory: %ld MiB first touched in %.3f s (%.2f s per GiB), touched again in %.3f s\n",
           mib, first, first * 1024.0 / mib, again);
    munmap(p, n);
    return 0;
}
