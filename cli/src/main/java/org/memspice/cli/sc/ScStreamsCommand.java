package org.memspice.cli.sc;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.memspice.cli.UserInputException;
import org.memspice.devices.stochastic.StochasticCbram;
import org.memspice.dse.stochastic.CbramBank;
import org.memspice.dse.stochastic.StochasticProduct;
import org.memspice.dse.stochastic.StreamReport;
import org.memspice.spice.output.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code memspice sc streams}: the bias and cross-correlation of streams from a bank of simulated
 * CBRAM devices with device-to-device variation, uncalibrated and calibrated, into DIR/streams.csv.
 */
@Command(name = "streams", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Bias and stochastic cross-correlation (SCC) of CBRAM bit streams, before and after calibration.",
            "Writes DIR/streams.csv and prints a table."})
public final class ScStreamsCommand implements Callable<Integer> {
    @Option(names = "--p", split = ",", defaultValue = "0.1,0.3,0.5,0.7,0.9", paramLabel = "P,P,...",
            description = "target probabilities in [0, 1] (default ${DEFAULT-VALUE})")
    double[] targets;

    @Option(names = "--stream-length", defaultValue = "256", paramLabel = "L", description = "bits per stream, 1-65536 (default ${DEFAULT-VALUE})")
    int length;

    @Option(names = "--devices", defaultValue = "64", description = "devices in the bank (default ${DEFAULT-VALUE})")
    int devices;

    @Option(names = "--repeats", defaultValue = "20", description = "streams per device and target (default ${DEFAULT-VALUE})")
    int repeats;

    @Option(names = "--variation", defaultValue = "0.1", description = "device-to-device spread sigma of tau0 and V0, 0-1 (default ${DEFAULT-VALUE})")
    double variation;

    @Option(names = "--calibration-pulses", defaultValue = "1000", description = "pulses per calibration amplitude (default ${DEFAULT-VALUE})")
    int calibrationPulses;

    @Option(names = "--pulse-by-pulse", description = "simulate every bit as reset, SET and read pulses (slower; the default draws each bit"
            + " with the same device probability, packed)")
    boolean pulseByPulse;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the devices (calibration seed+1, streams seed+2) (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", required = true, description = "output folder")
    Path out;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter o = spec.commandLine().getOut();
        for (double p : targets) {
            if (!(p >= 0 && p <= 1)) {
                throw new UserInputException("--p must be in [0, 1], got " + p);
            }
        }
        if (length < 1 || length > StochasticProduct.MAX_LENGTH) {
            throw new UserInputException("--stream-length must be 1-" + StochasticProduct.MAX_LENGTH + ", got " + length);
        }
        if (!Double.isFinite(variation) || variation < 0 || variation > 1) {
            throw new UserInputException("--variation must be a finite number in [0, 1], got " + variation);
        }
        if (devices < 2 || devices > 100_000) {
            throw new UserInputException("--devices must be 2-100000, got " + devices);
        }
        if (repeats < 1 || repeats > 100_000) {
            throw new UserInputException("--repeats must be 1-100000, got " + repeats);
        }
        if (calibrationPulses < 16 || calibrationPulses > 1_000_000) {
            throw new UserInputException("--calibration-pulses must be 16-1000000, got " + calibrationPulses);
        }
        Files.createDirectories(out);
        CbramBank bank = new CbramBank(new StochasticCbram(java.util.Map.of()), devices, variation, seed, CbramBank.Pulses.DEFAULT);
        List<StreamReport.Row> raw = StreamReport.measure(bank, targets, length, repeats, pulseByPulse, seed + 2);
        long t0 = System.nanoTime();
        bank.calibrate(calibrationPulses, seed + 1);
        double calSeconds = (System.nanoTime() - t0) / 1e9;
        List<StreamReport.Row> cal = StreamReport.measure(bank, targets, length, repeats, pulseByPulse, seed + 2);
        StringBuilder csv = new StringBuilder("calibrated,pairing,p,length,mean_value,mean_bias,rms_bias,law_bias,scc,scc_spread,pooled_scc,product_error\n");
        o.printf(Locale.ROOT, "%d devices, variation %.3g, streams of %d bits, %d per device and target (%s); calibration %d pulses per"
                + " point, %.2f s%n", devices, variation, length, repeats, pulseByPulse ? "pulse by pulse" : "packed draws", calibrationPulses,
                calSeconds);
        o.printf(Locale.ROOT, "%-12s %-20s %6s %10s %10s %10s %8s %8s %8s %10s%n", "calibrated", "pairing", "p", "mean bias", "rms bias",
                "law bias", "SCC", "SCC sd", "pooled", "|AND-p^2|");
        for (int c = 0; c < 2; c++) {
            for (StreamReport.Row r : c == 0 ? raw : cal) {
                csv.append(String.format(Locale.ROOT, "%s,%s,%.6g,%d,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g%n", c == 1, r.pairing(), r.p(),
                        r.length(), r.meanValue(), r.meanBias(), r.rmsBias(), r.lawBias(), r.scc(), r.sccSpread(), r.pooledScc(),
                        r.productError()));
                o.printf(Locale.ROOT, "%-12s %-20s %6.3f %+10.4f %10.4f %+10.4f %+8.3f %8.3f %+8.3f %10.4f%n", c == 1 ? "yes" : "no",
                        r.pairing(), r.p(), r.meanBias(), r.rmsBias(), r.lawBias(), r.scc(), r.sccSpread(), r.pooledScc(), r.productError());
            }
        }
        AtomicFiles.writeText(out.resolve("streams.csv"), csv.toString());
        o.println("wrote " + out.resolve("streams.csv"));
        return 0;
    }
}
