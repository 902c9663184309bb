package org.alexnet.workflows.stage;

import java.util.List;

/**
 * What a stage's activity heartbeats: progress bars, the latest lines of news, and for training where
 * it stands. Small on purpose (never weights or shard lists): Temporal keeps the last one per attempt.
 *
 * @param bars one per thing being counted, e.g. a split's images, an epoch's batches
 * @param notes the latest lines worth printing (a resume, epochs' results), numbered so that a follower
 *     that polls less often than they come prints each once
 * @param training where training stands, or null for the other stages
 */
public record StageProgress(List<Bar> bars, List<Note> notes, TrainPosition training) {
  public StageProgress {
    bars = List.copyOf(bars);
    notes = List.copyOf(notes);
  }

  /** A line of news, the {@code seq}-th of its attempt. */
  public record Note(int seq, String text) {}

  /** A count of {@code done} of {@code total} {@code unit}s; total negative while unknown, 0 when there is none. */
  public record Bar(String name, long done, long total, String unit) {}

  /**
   * @param batch batches of this epoch's training done (validation reuses the last value)
   * @param loss the recent training loss
   * @param etaSeconds until the end of training, at the recent speed
   * @param checkpoint the latest checkpoint this attempt wrote or resumed from, or null
   * @param lastTop1 validation top-1 accuracy of the last finished epoch, in percent; -1 before the first
   */
  public record TrainPosition(int epoch, int epochs, long batch, long batches, long step, double loss,
      double imagesPerSecond, double etaSeconds, String checkpoint, double lastTop1) {}
}
