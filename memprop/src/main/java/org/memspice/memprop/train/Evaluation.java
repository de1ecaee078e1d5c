package org.memspice.memprop.train;

/** Accuracy, mean loss and confusion matrix (rows: true class, columns: predicted) of a test pass. */
public record Evaluation(double loss, int correct, int count, int[][] confusion) {
    public double accuracy() {
        return count == 0 ? 0 : correct / (double) count;
    }
}
