package org.alexnet.trainer;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.alexnet.dataset.ilsvrc.SynsetTable;
import org.alexnet.dataset.Dataset;
import org.alexnet.storage.Storage;
import org.alexnet.trainer.checkpoint.CheckpointState;
import org.alexnet.trainer.checkpoint.Checkpoints;
import org.alexnet.trainer.data.InputNormalization;
import org.alexnet.trainer.model.AlexNetShape;
import org.alexnet.trainer.model.Arch;
import org.alexnet.trainer.model.StateDictWeights;
import org.alexnet.trainer.weights.Tensor;
import org.alexnet.trainer.weights.TorchStateDict;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * A trained network to evaluate, from a checkpoint or from torchvision weights: what it is and what
 * its inputs must look like (crop size and normalization as it was trained, and the dataset whose
 * mean it learned on). Describing one reads only the checkpoint's state; {@link #loadNetwork} reads
 * the weights, so a driver can check a model against a dataset without loading it.
 *
 * @param datasetId the dataset the checkpoint was trained on; null for torchvision weights
 * @param classes the names of the classes the model learned, in label order; null where unrecorded
 *     (torchvision weights: ILSVRC2012's 1000; checkpoints from before classes were recorded)
 */
public record TrainedModel(String source, boolean torchvisionWeights, Arch arch, AlexNetShape shape, int cropSize,
    String normalization, String datasetId, List<String> classes) {
  /** Class names shown in a message: enough to tell two lists apart. */
  private static final int NAMES_SHOWN = 4;


  public static TrainedModel fromCheckpoint(String uri) throws IOException {
    CheckpointState state = Checkpoints.readState(uri);
    Arch arch = Arch.of(state.arch());
    String[] parts = state.shape().split("/");
    AlexNetShape shape = AlexNetShape.parse(parts[0] + "/" + parts[1], Integer.parseInt(parts[2]));
    int crop = Integer.parseInt(state.settings().getOrDefault("crop_size", Integer.toString(arch.defaultCrop())));
    String datasetId = state.normalization().equals(InputNormalization.TORCHVISION_NAME) ? null : state.datasetId();
    return new TrainedModel(uri, false, arch, shape, crop, state.normalization(), datasetId, state.classes());
  }

  /** torchvision AlexNet weights (any torch.save format), evaluated with torchvision's normalization. */
  public static TrainedModel fromPretrained(String path) throws IOException {
    AlexNetShape shape = AlexNetShape.of(readStateDict(path), Arch.ALEXNET);
    return new TrainedModel(path, true, Arch.ALEXNET, shape, Arch.ALEXNET.defaultCrop(),
        InputNormalization.TORCHVISION_NAME, null, null);
  }

  /** Builds the network for inference and reads the weights into it. */
  public MultiLayerNetwork loadNetwork() throws IOException {
    MultiLayerNetwork net = arch.build(shape, cropSize, 0);
    if (torchvisionWeights) {
      StateDictWeights.load(net, readStateDict(source), arch);
    } else {
      Checkpoints.restore(source, net);
    }
    return net;
  }

  private static Map<String, Tensor> readStateDict(String path) throws IOException {
    return TorchStateDict.read(Storage.readAll(path), path);
  }

  /**
   * Refuses, before any work, a dataset this model cannot be evaluated on: other classes, no
   * validation split, images smaller than the model's input, or (for mean-image inputs) another
   * dataset's mean than the one it trained with.
   */
  public void checkFits(Dataset dataset) {
    List<String> datasetClasses = dataset.manifest().classNames();
    if (classes != null && !classes.equals(datasetClasses)) {
      throw new IllegalArgumentException(String.format("%s learned %d classes (%s), the dataset %s has %d (%s): "
          + "evaluate it on a dataset of its classes", source, classes.size(), names(classes), dataset.root(),
          datasetClasses.size(), names(datasetClasses)));
    }
    if (shape.classes() < datasetClasses.size() || (classes == null && shape.classes() != datasetClasses.size())) {
      throw new IllegalArgumentException(String.format("%s has %d classes, the dataset %s has %d: they do not match",
          source, shape.classes(), dataset.root(), datasetClasses.size()));
    }
    if (torchvisionWeights && !datasetClasses.equals(SynsetTable.bundled().classes().stream().map(s -> s.wnid()).toList())) {
      throw new IllegalArgumentException(String.format("%s predicts ILSVRC2012's 1000 classes, not the %d of %s: "
          + "fine-tune it on them first (alexnet train -p)", source, datasetClasses.size(), dataset.root()));
    }
    if (!dataset.manifest().splits().containsKey(Dataset.VALIDATION)) {
      throw new IllegalArgumentException(dataset.root() + " has no validation split to evaluate on");
    }
    CropFit.require(source, cropSize, dataset.root().toString(), CropFit.storedSize(dataset), 0); // its input is fixed
    if (datasetId != null && !datasetId.equals(dataset.manifest().id())) {
      throw new IllegalArgumentException(String.format("%s was trained on %s inputs of dataset %s, not %s: its "
          + "normalization needs that dataset's mean image; evaluate it on that dataset", source, normalization,
          datasetId, dataset.manifest().id()));
    }
  }

  private static String names(List<String> names) {
    return names.size() <= NAMES_SHOWN ? String.join(", ", names)
        : String.join(", ", names.subList(0, NAMES_SHOWN - 1)) + ", ..., " + names.get(names.size() - 1);
  }

  public InputNormalization inputNormalization(Dataset dataset) throws IOException {
    return InputNormalization.named(normalization, dataset);
  }
}
