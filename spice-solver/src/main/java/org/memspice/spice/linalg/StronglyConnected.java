package org.memspice.spice.linalg;

import java.util.Arrays;

/** Strongly connected components of a directed graph (Tarjan's algorithm, iterative). */
final class StronglyConnected {
    private StronglyConnected() {
    }

    /**
     * The component of every node of the graph whose node j has edges to {@code to[from[j]..from[j+1]-1]}.
     * Components are numbered as Tarjan's algorithm completes them: a component's number is larger
     * than that of every other component it has an edge to.
     */
    static int[] components(int n, int[] from, int[] to) {
        int[] index = new int[n];
        int[] low = new int[n];
        int[] component = new int[n];
        Arrays.fill(index, -1);
        int[] tarjanStack = new int[n];
        boolean[] onStack = new boolean[n];
        int[] callStack = new int[n];
        int[] nextEdge = new int[n];
        int counter = 0;
        int top = 0;
        int count = 0;
        for (int root = 0; root < n; root++) {
            if (index[root] >= 0) {
                continue;
            }
            int depth = 0;
            callStack[0] = root;
            index[root] = low[root] = counter++;
            tarjanStack[top++] = root;
            onStack[root] = true;
            nextEdge[root] = from[root];
            while (depth >= 0) {
                int v = callStack[depth];
                if (nextEdge[v] < from[v + 1]) {
                    int w = to[nextEdge[v]++];
                    if (index[w] < 0) {
                        index[w] = low[w] = counter++;
                        tarjanStack[top++] = w;
                        onStack[w] = true;
                        nextEdge[w] = from[w];
                        callStack[++depth] = w;
                    } else if (onStack[w]) {
                        low[v] = Math.min(low[v], index[w]);
                    }
                    continue;
                }
                if (low[v] == index[v]) {
                    int w;
                    do {
                        w = tarjanStack[--top];
                        onStack[w] = false;
                        component[w] = count;
                    } while (w != v);
                    count++;
                }
                depth--;
                if (depth >= 0) {
                    int parent = callStack[depth];
                    low[parent] = Math.min(low[parent], low[v]);
                }
            }
        }
        return component;
    }
}
