package org.alexnet.pipelines.prepare;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.alexnet.dataset.Dataset;
import org.junit.jupiter.api.Test;

class PrepareProgressTest {
  private static final ScanTask CLASS_TAR = new ScanTask(ScanTask.Kind.TAR, Dataset.TRAIN, "train.tar", 0, 10,
      "n01440764", "train.tar/n01440764.tar", ScanTask.UNLISTED);
  private static final ScanTask VAL_RUN = new ScanTask(ScanTask.Kind.TAR, Dataset.VALIDATION, "val.tar", 0, 10, null,
      "val.tar", 256);

  @Test
  void listedSplitsAreKnownAtOnceClassTarsOnceScanned() {
    String run = UUID.randomUUID().toString();
    assertThat(PrepareProgress.total(run, Dataset.VALIDATION)).as("before the index").isEqualTo(PrepareProgress.UNKNOWN);

    PrepareProgress.recordTasks(run, List.of(CLASS_TAR, VAL_RUN, VAL_RUN));
    assertThat(PrepareProgress.total(run, Dataset.VALIDATION)).isEqualTo(512);
    assertThat(PrepareProgress.total(run, Dataset.TRAIN)).isEqualTo(PrepareProgress.UNKNOWN);

    PrepareProgress.recordFound(run, VAL_RUN, 256);
    PrepareProgress.recordFound(run, CLASS_TAR, 1300);
    assertThat(PrepareProgress.total(run, Dataset.TRAIN)).isEqualTo(1300);
    assertThat(PrepareProgress.total(run, Dataset.VALIDATION)).isEqualTo(512);
  }

  @Test
  void aSplitWithoutInputsHasNothingToCount() {
    String run = UUID.randomUUID().toString();
    PrepareProgress.recordTasks(run, List.of(VAL_RUN));
    assertThat(PrepareProgress.total(run, Dataset.TRAIN)).isZero();
  }
}
