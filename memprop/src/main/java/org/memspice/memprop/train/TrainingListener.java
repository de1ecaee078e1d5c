package org.memspice.memprop.train;

/** What a training run reports as it goes (the command line draws a progress bar and plots from it). */
public interface TrainingListener {
    /** After every mini-batch: samples done of this epoch's total, running mean loss and accuracy, samples per second. */
    default void batch(int epoch, int epochs, long done, long total, double loss, double accuracy, double samplesPerSecond) {
    }

    /** During evaluation: samples done of total. */
    default void evaluating(long done, long total) {
    }

    /** After every epoch, once the checkpoint and log are written. */
    default void epoch(EpochRecord record, Evaluation test) {
    }
}
