package org.memspice.cli.data;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.memspice.cli.ExitCodes;
import org.memspice.cli.UserInputException;
import org.memspice.cli.train.DataOptions;
import org.memspice.memprop.data.Dataset;
import org.memspice.memprop.data.Datasets;
import org.memspice.memprop.data.IdxFile;
import org.memspice.memprop.data.MissingRecord;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code memspice data check}: is a data set whole, and if its training images lost one, where. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Check a data set's four files; locate a lost training image (exit 2 if files are not whole).",
            "A lost image is located by a nearest-centroid classifier built from the (whole) test set."})
public final class CheckCommand implements Callable<Integer> {
    @Option(names = "--dataset", required = true, description = "mnist or fashion")
    String dataset;

    @CommandLine.Mixin
    DataOptions data = new DataOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Located l = Located.of(data.folder(), kind(dataset));
        if (l.finding == null) {
            out.printf(Locale.ROOT, "%s: whole (%,d training and %,d test images with their labels)%n", l.kind.folder, l.images,
                    l.test.size());
            return ExitCodes.OK;
        }
        l.print(out);
        return ExitCodes.INPUT;
    }

    static Datasets.Kind kind(String s) {
        try {
            return Datasets.Kind.parse(s);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--dataset: " + e.getMessage());
        }
    }

    /** A split's files read leniently, and where its lost image is (null when whole). */
    static final class Located {
        final Datasets.Kind kind;
        final Path imagesFile;
        /** The training images file's complete records, and their count. */
        final IdxFile imagesRaw;
        final int images;
        final IdxFile labels;
        final Dataset test;
        final MissingRecord.Finding finding;

        private Located(Datasets.Kind kind, Path imagesFile, IdxFile images, IdxFile labels, Dataset test,
                MissingRecord.Finding finding) {
            this.kind = kind;
            this.imagesFile = imagesFile;
            this.imagesRaw = images;
            this.images = images.dimensions()[0];
            this.labels = labels;
            this.test = test;
            this.finding = finding;
        }

        static Located of(Path folder, Datasets.Kind kind) {
            Dataset test = Datasets.load(folder, kind, false);
            Path imagesPath = Datasets.imagesFile(folder, kind, true);
            IdxFile im = IdxFile.read(imagesPath, true);
            IdxFile lb = IdxFile.read(Datasets.labelsFile(folder, kind, true));
            int n = im.dimensions()[0];
            if (im.missingRecords() == 0 && lb.dimensions()[0] == n) {
                return new Located(kind, imagesPath, im, lb, test, null);
            }
            if (im.missingRecords() != 1 || lb.dimensions()[0] != n + 1) {
                throw new UserInputException(String.format(Locale.ROOT, "%s: %,d images for %,d labels (%d missing from the"
                        + " file): only a single lost image can be located", imagesPath, n, lb.dimensions()[0], im.missingRecords()));
            }
            byte[] raw = im.data();
            float[] px = new float[raw.length];
            for (int k = 0; k < raw.length; k++) {
                px[k] = (raw[k] & 0xff) / 255f;
            }
            int pixels = im.dimensions()[1] * im.dimensions()[2];
            return new Located(kind, imagesPath, im, lb, test, MissingRecord.locate(px, pixels, lb.data(), test));
        }

        void print(PrintWriter out) {
            MissingRecord.Finding f = finding;
            out.printf(Locale.ROOT, "%s: %,d images for %,d labels: one image is missing%n", imagesFile, images, images + 1);
            out.printf(Locale.ROOT, "it went missing before image %,d (equally likely: %,d to %,d): a nearest-centroid classifier"
                    + " from the test set agrees with the labels on %.0f %% of the 200 images before it, on %.0f %% of the 200"
                    + " after it once they are paired with the next label, and on %.0f %% with the file's own pairing%n",
                    f.gap(), f.plateauFrom(), f.plateauTo(), 100 * f.agreeBefore(), 100 * f.agreeAfterShifted(),
                    100 * f.agreeAfterUnshifted());
            out.printf(Locale.ROOT, "so %,d images after it carry the wrong label; 'memspice data repair' writes a copy without"
                    + " the records around the gap%n", images - f.gap());
        }
    }
}
