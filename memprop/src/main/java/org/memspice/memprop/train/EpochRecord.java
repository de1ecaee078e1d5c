package org.memspice.memprop.train;

import java.util.Locale;

/** One line of the training log. */
public record EpochRecord(int epoch, double lr, double trainLoss, double trainAccuracy, double testLoss, double testAccuracy,
        int testCorrect, int testCount, double seconds, double samplesPerSecond, long pulses) {

    public static final String HEADER = "epoch,lr,train_loss,train_accuracy,test_loss,test_accuracy,test_correct,test_count,seconds,"
            + "train_samples_per_s,programming_pulses";

    /** The log line; numbers in their shortest exact form, so a checkpoint's log reads back unchanged. */
    public String csv() {
        return String.format(Locale.ROOT, "%d,%s,%s,%s,%s,%s,%d,%d,%.2f,%.2f,%d", epoch, lr, trainLoss, trainAccuracy, testLoss,
                testAccuracy, testCorrect, testCount, seconds, samplesPerSecond, pulses);
    }

    public static EpochRecord parse(String line) {
        String[] f = line.split(",");
        return new EpochRecord(Integer.parseInt(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]),
                Double.parseDouble(f[3]), Double.parseDouble(f[4]), Double.parseDouble(f[5]), Integer.parseInt(f[6]),
                Integer.parseInt(f[7]), Double.parseDouble(f[8]), Double.parseDouble(f[9]), Long.parseLong(f[10]));
    }
}
