package org.alexnet.cli;

import org.alexnet.pipelines.prepare.PrepareInputs;
import picocli.CommandLine.Option;

/** prepare's inputs: the archives as downloaded (or extracted folders) and the validation labels. */
final class PrepareInputOptions {
  @Option(names = "--train-tar", paramLabel = "T", description = "ILSVRC2012_img_train.tar, or a folder of <wnid>/*.JPEG.")
  String trainTar;

  @Option(names = "--val-tar", paramLabel = "V", description = "ILSVRC2012_img_val.tar, or a folder of *.JPEG or <wnid>/*.JPEG.")
  String valTar;

  @Option(names = "--devkit", paramLabel = "D", description = "ILSVRC2012_devkit_t12.tar.gz (validation labels).")
  String devkit;

  @Option(names = "--val-labels", paramLabel = "TSV", description = "Instead of --devkit: lines of 'file name, class'.")
  String valLabels;

  @Option(names = "--classes", paramLabel = "FILE",
      description = "Only these classes (one WNID or folder name a line), e.g. ImageNet-100 from the full train tar: "
          + "the other class tars are not read.")
  String classes;

  boolean given() {
    return trainTar != null || valTar != null || devkit != null || valLabels != null || classes != null;
  }

  PrepareInputs inputs() {
    return new PrepareInputs(trainTar, valTar, devkit, valLabels, classes);
  }
}
