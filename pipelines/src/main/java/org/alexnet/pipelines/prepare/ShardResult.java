package org.alexnet.pipelines.prepare;

import java.io.Serializable;
import org.alexnet.dataset.manifest.Manifest;

/** A shard file as written, and its split. */
record ShardResult(String split, Manifest.Shard shard) implements Serializable {}
