package org.alexnet.workflows.train;

import org.alexnet.workflows.stage.AttemptInfo;

/**
 * What a finished training leaves: the best checkpoint (what evaluation scores) and where it stopped.
 *
 * @param bestSha256 of the best checkpoint's file, which names exactly the model evaluated
 * @param bestTop1 its validation top-1 accuracy in the trainer's own centre-crop pass, in percent
 * @param lastTop1 validation top-1 accuracy after the last epoch this attempt trained, in percent; -1 if none
 * @param lastTop5 the same for top-5
 * @param resumedFrom the checkpoint this attempt continued from, or null when it started afresh
 */
public record TrainOutcome(String best, String bestSha256, double bestTop1, double lastTop1, double lastTop5, int epochs,
    long steps, String curves, String resumedFrom, AttemptInfo attempt) {}
