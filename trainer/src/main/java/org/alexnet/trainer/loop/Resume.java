package org.alexnet.trainer.loop;

import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;
import org.alexnet.trainer.TrainRequest;
import org.alexnet.trainer.checkpoint.CheckpointState;
import org.alexnet.trainer.checkpoint.Checkpoints;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restores the checkpoint a run continues from into its network: the one {@code --resume} names, or
 * with "auto" the newest that reads back whole (a checkpoint cut short on a store without atomic
 * writes is skipped, and said so).
 */
final class Resume {
  private static final Logger LOG = LoggerFactory.getLogger(Resume.class);

  private Resume() {}

  /** @return the restored checkpoint's state, or null when there is nothing to resume from */
  static CheckpointState restore(String resume, CheckpointPolicy checkpoints, MultiLayerNetwork net,
      Consumer<String> log, TrainingListener listener) throws IOException {
    if (resume == null) {
      return null;
    }
    List<String> candidates = resume.equals(TrainRequest.RESUME_NEWEST) ? checkpoints.newestFirst() : List.of(resume);
    for (String uri : candidates) {
      try {
        CheckpointState state = Checkpoints.restore(uri, net);
        log.accept(String.format("=> resumed from %s (epoch %d, batch %d, step %d)", uri, state.epoch(),
            state.batchInEpoch(), state.globalStep()));
        listener.resumed(uri);
        return state;
      } catch (IOException e) {
        if (candidates.size() == 1) {
          throw e;
        }
        LOG.warn("skipping {}: {}", uri, e.getMessage());
        log.accept("=> " + uri + " does not read back whole (" + e.getMessage() + "); trying the one before");
      }
    }
    return null;
  }
}
