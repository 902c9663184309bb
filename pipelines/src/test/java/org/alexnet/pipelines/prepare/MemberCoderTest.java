package org.alexnet.pipelines.prepare;

import org.apache.beam.sdk.testing.CoderProperties;
import org.junit.jupiter.api.Test;

class MemberCoderTest {
  private static final Member TENCH = new Member("train", "ILSVRC2012_img_train.tar/n01440764.tar/n01440764_10026.JPEG",
      "n01440764_10026.JPEG", "s3://bucket/ILSVRC2012_img_train.tar", 6_442_450_944L, 13_697L, 0, "n01440764",
      "tench, Tinca tinca");

  @Test
  void membersAndPlacementsSurviveTheShuffleUnchanged() throws Exception {
    CoderProperties.coderDecodeEncodeEqual(Member.CODER, TENCH);
    CoderProperties.coderDecodeEncodeEqual(Member.CODER,
        new Member("validation", "val/ILSVRC2012_val_00000001.JPEG", "ILSVRC2012_val_00000001.JPEG", "/data/val",
            0, 0, 999, "n15075141", "toilet tissue, toilet paper, bathroom tissue, ünïcödé"));
    CoderProperties.coderDecodeEncodeEqual(Placed.CODER, new Placed(TENCH, 1_234));
    CoderProperties.coderDeterministic(Placed.CODER, new Placed(TENCH, 7), new Placed(TENCH, 7));
  }
}
