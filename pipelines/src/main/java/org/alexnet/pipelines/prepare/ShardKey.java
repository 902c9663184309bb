package org.alexnet.pipelines.prepare;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;

/**
 * The key a shard's images are grouped under: the shard's name, and a route that only decides
 * which worker writes it (see {@link ShardRoutes}).
 */
record ShardKey(String shard, int route) {
  static final Coder<ShardKey> CODER = new AtomicCoder<>() {
    @Override
    public void encode(ShardKey k, OutputStream out) throws IOException {
      StringUtf8Coder.of().encode(k.shard, out);
      VarIntCoder.of().encode(k.route, out);
    }

    @Override
    public ShardKey decode(InputStream in) throws IOException {
      return new ShardKey(StringUtf8Coder.of().decode(in), VarIntCoder.of().decode(in));
    }
  };

  /** The split the shard belongs to: the part of its name before the first dash. */
  String split() {
    return shard.substring(0, shard.indexOf('-'));
  }
}
