package org.alexnet.workflows.run;

import java.util.List;

/**
 * A running workflow's answer to {@code alexnet status}: its stage, each stage's attempts, and the
 * news so far (what a follower prints). Where training stands comes from its heartbeats.
 *
 * @param events lines worth printing, oldest first
 */
public record RunStatus(String workflowId, String status, String stage, List<StageRecord> stages, List<String> events,
    RunResult result, String error) {}
