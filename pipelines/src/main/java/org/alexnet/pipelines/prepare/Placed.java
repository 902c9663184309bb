package org.alexnet.pipelines.prepare;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.VarLongCoder;

/** A member with its position within its shard (the shard is the key it travels under). */
public record Placed(Member member, long position) {
  public static final Coder<Placed> CODER = new AtomicCoder<>() {
    @Override
    public void encode(Placed p, OutputStream out) throws IOException {
      Member.CODER.encode(p.member, out);
      VarLongCoder.of().encode(p.position, out);
    }

    @Override
    public Placed decode(InputStream in) throws IOException {
      return new Placed(Member.CODER.decode(in), VarLongCoder.of().decode(in));
    }
  };
}
