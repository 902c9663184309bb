package org.alexnet.pipelines.prepare;

import java.io.Serializable;

/** A member with its place in the dataset: which of the split's shards, and its position within it. */
public record Placed(Member member, int shard, int shards, long position) implements Serializable {}
