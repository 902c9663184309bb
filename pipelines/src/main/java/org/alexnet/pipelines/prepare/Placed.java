package org.alexnet.pipelines.prepare;

import java.io.Serializable;

/** A member with its position within its shard (the shard is the key it travels under). */
public record Placed(Member member, long position) implements Serializable {}
