package org.alexnet.workflows.train;

import io.temporal.activity.Activity;
import io.temporal.client.ActivityCompletionException;
import java.io.IOException;
import org.alexnet.storage.Sha256;
import org.alexnet.storage.StorageUri;
import org.alexnet.trainer.TrainRequest;
import org.alexnet.trainer.TrainingSetup;
import org.alexnet.trainer.checkpoint.CheckpointDir;
import org.alexnet.trainer.checkpoint.CheckpointState;
import org.alexnet.trainer.checkpoint.Checkpoints;
import org.alexnet.trainer.loop.TrainingListener;
import org.alexnet.trainer.loop.TrainingStopped;
import org.alexnet.workflows.stage.AttemptInfo;
import org.alexnet.workflows.stage.StageFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public final class TrainActivitiesImpl implements TrainActivities {
  private static final Logger LOG = LoggerFactory.getLogger(TrainActivitiesImpl.class);
  private final TrainingListener alsoTold;

  public TrainActivitiesImpl() {
    this(TrainingListener.NONE);
  }

  /** @param alsoTold hears every batch besides the heartbeats, and may stop or fail the attempt */
  public TrainActivitiesImpl(TrainingListener alsoTold) {
    this.alsoTold = alsoTold;
  }

  @Override
  public TrainOutcome train(TrainRequest request) {
    AttemptInfo attempt = AttemptInfo.current();
    HeartbeatListener heartbeats = new HeartbeatListener(Activity.getExecutionContext());
    heartbeats.starting(attempt.attempt() == 1 ? "building the model" : "attempt " + attempt.attempt()
        + ": building the model, then resuming from the newest checkpoint");
    try {
      TrainingSetup.create(request, LOG::info).listen(heartbeats.and(alsoTold)).run();
      return outcome(request, heartbeats, attempt);
    } catch (TrainingStopped stopped) {
      if (heartbeats.stopReason() == null) {
        throw StageFailures.of(stopped);
      }
      LOG.info("{}: {}", stopped.getMessage(), heartbeats.whyStopped());
      throw heartbeats.stopReason();
    } catch (ActivityCompletionException e) {
      throw e;
    } catch (Exception e) {
      throw StageFailures.of(e);
    }
  }

  private static TrainOutcome outcome(TrainRequest request, HeartbeatListener heartbeats, AttemptInfo attempt)
      throws IOException {
    CheckpointDir dir = new CheckpointDir(request.checkpoints().dir(), request.checkpoints().keepLast());
    String best = dir.best();
    CheckpointState bestState = Checkpoints.readState(best);
    CheckpointState last = Checkpoints.readState(dir.newestFirst().get(0));
    double[] validation = heartbeats.lastValidation();
    return new TrainOutcome(best, Sha256.ofFile(best), bestState.bestAcc1(), validation[0], validation[1], last.epoch(),
        last.globalStep(), StorageUri.parse(request.checkpoints().dir()).resolve("curves.png"), heartbeats.resumedFrom(),
        attempt);
  }
}
