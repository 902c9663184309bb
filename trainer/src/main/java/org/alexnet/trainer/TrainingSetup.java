package org.alexnet.trainer;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.Map;
import java.util.function.Consumer;
import org.alexnet.dataset.Dataset;
import org.alexnet.storage.Storage;
import org.alexnet.trainer.backend.OneDnn;
import org.alexnet.trainer.data.DummyData;
import org.alexnet.trainer.data.InputNormalization;
import org.alexnet.trainer.data.LoaderConfig;
import org.alexnet.trainer.data.ShardLoader;
import org.alexnet.trainer.loop.BatchSource;
import org.alexnet.trainer.loop.RunInfo;
import org.alexnet.trainer.loop.Trainer;
import org.alexnet.trainer.model.AlexNetShape;
import org.alexnet.trainer.model.Arch;
import org.alexnet.trainer.model.FrozenFeatures;
import org.alexnet.trainer.model.StateDictWeights;
import org.alexnet.trainer.optim.TorchSgd;
import org.alexnet.trainer.weights.Tensor;
import org.alexnet.trainer.weights.TorchStateDict;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Wires a run together from its settings: data (a prepared dataset or dummy data), the model (from
 * scratch or from pretrained torchvision weights) and the input normalization that goes with it.
 */
public final class TrainingSetup {
  /** Images per epoch with --dummy (the PyTorch example fakes all 1,281,167; 10,000 is enough to time). */
  static final int DUMMY_TRAIN_IMAGES = 10_000;
  static final int DUMMY_VAL_IMAGES = 1_000;
  private static final int SHUFFLE_BUFFER = 4_096;

  private TrainingSetup() {}

  public static Trainer create(TrainRequest request, Consumer<String> log) throws IOException {
    OneDnn.enable(); // before ND4J loads
    TrainSettings config = request.settings();
    Dataset dataset = request.dummy() ? null : Dataset.open(request.dataset());
    if (dataset != null) {
      checkFits(config, dataset);
    }
    String resume = request.resume();
    if (resume != null && !resume.equals(TrainRequest.RESUME_NEWEST) && !Storage.exists(resume)) {
      throw new FileNotFoundException("--resume " + resume + ": no such checkpoint; give one that train wrote "
          + "(checkpoint-*.zip or model_best.zip in its --checkpoint-dir), or --resume auto for the latest there");
    }
    int classes = outputs(config, dataset);

    Map<String, Tensor> pretrained = null;
    Arch arch = config.architecture();
    AlexNetShape shape = config.widths() == null ? arch.defaultShape().withClasses(classes)
        : AlexNetShape.parse(config.widths(), classes);
    if (config.pretrained() != null) {
      pretrained = TorchStateDict.read(Storage.readAll(config.pretrained()), config.pretrained());
      shape = AlexNetShape.of(pretrained, Arch.ALEXNET).withClasses(classes);
    }
    MultiLayerNetwork net = arch.build(shape, config.cropSize(), config.seed(),
        new TorchSgd(config.lr(), config.momentum()), config.weightDecay());
    if (pretrained != null) {
      int pretrainedClasses = AlexNetShape.of(pretrained, Arch.ALEXNET).classes();
      boolean fineTuning = pretrainedClasses != classes;
      StateDictWeights.load(net, pretrained, Arch.ALEXNET, !fineTuning);
      if (fineTuning) {
        log.accept(String.format("=> fine-tuning: every layer of %s but the last, whose %d classes are not the dataset's "
            + "%d: the last layer starts afresh (PyTorch's default initialisation)", config.pretrained(),
            pretrainedClasses, classes));
      }
    }
    if (config.freezeFeatures()) {
      long all = net.numParams();
      net = FrozenFeatures.of(net);
      log.accept(String.format("=> --freeze-features: the classifier trains (%,d of %,d parameters), the features keep "
          + "their weights", trainable(net), all));
    }
    String normalizationName = pretrained != null ? InputNormalization.TORCHVISION_NAME
        : arch.unitScaleInputs() ? InputNormalization.MEAN_IMAGE_STD_NAME : InputNormalization.MEAN_IMAGE_NAME;
    InputNormalization normalization = dataset == null ? null : InputNormalization.named(normalizationName, dataset);
    log.accept(String.format("=> %s %s, %,d parameters, %s inputs, batch %d, lr %s, data %s", config.arch(),
        shape.text(), net.numParams(), normalizationName, config.batchSize(), config.lr(),
        dataset == null ? "dummy" : dataset.root()));
    BatchSource source = dataset == null ? dummy(config, classes)
        : shards(config, request.workers(), dataset, normalization);
    return new Trainer(request, net, source, new RunInfo(shape.text(), normalizationName,
        dataset == null ? "dummy" : dataset.manifest().id(), dataset == null ? null : dataset.manifest().classNames()),
        log);
  }

  /**
   * Refuses, before any work, a dataset these settings cannot train on: images smaller than the
   * crops, or more classes than --num-classes.
   */
  public static void checkFits(TrainSettings config, Dataset dataset) {
    config.requireCropFits(dataset.root().toString(), CropFit.storedSize(dataset));
    outputs(config, dataset);
  }

  /** The classifier's outputs: the dataset's classes, or --num-classes when it asks for more. */
  private static int outputs(TrainSettings config, Dataset dataset) {
    int datasetClasses = dataset == null ? 1000 : dataset.manifest().classes().size();
    if (config.numClasses() == 0) {
      return datasetClasses;
    }
    if (config.numClasses() < datasetClasses) {
      throw new IllegalArgumentException(String.format("--num-classes %d is fewer than the dataset's %d classes: give at "
          + "least %d, or leave it out to use the dataset's", config.numClasses(), datasetClasses, datasetClasses));
    }
    return config.numClasses();
  }

  private static long trainable(MultiLayerNetwork net) {
    long n = 0;
    for (var layer : net.getLayers()) {
      n += layer instanceof org.deeplearning4j.nn.layers.FrozenLayer ? 0 : layer.numParams();
    }
    return n;
  }

  private static BatchSource shards(TrainSettings config, int workers, Dataset dataset,
      InputNormalization normalization) {
    ShardLoader train = new ShardLoader(dataset, new LoaderConfig(Dataset.TRAIN, config.batchSize(), config.cropSize(),
        true, config.seed(), SHUFFLE_BUFFER, workers, 4, config.pcaNoise()), normalization);
    boolean hasValidation = dataset.manifest().splits().containsKey(Dataset.VALIDATION);
    ShardLoader validation = !hasValidation ? null : new ShardLoader(dataset, new LoaderConfig(Dataset.VALIDATION,
        config.batchSize(), config.cropSize(), false, config.seed(), 0, workers, 4, 0), normalization);
    return BatchSource.of(train::epoch,
        () -> validation == null ? java.util.Collections.emptyIterator() : validation.epoch(0, 0), train.batchesPerEpoch(),
        validation == null ? 0 : validation.batchesPerEpoch());
  }

  private static BatchSource dummy(TrainSettings config, int classes) {
    DummyData train = new DummyData(DUMMY_TRAIN_IMAGES, config.batchSize(), config.cropSize(), classes, config.seed());
    DummyData validation = new DummyData(DUMMY_VAL_IMAGES, config.batchSize(), config.cropSize(), classes, config.seed() + 1);
    return BatchSource.of(train::epoch, () -> validation.epoch(0, 0), train.batchesPerEpoch(),
        validation.batchesPerEpoch());
  }
}
