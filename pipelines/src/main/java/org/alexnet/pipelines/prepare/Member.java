package org.alexnet.pipelines.prepare;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;

/**
 * An input image found by the scan: where its bytes are and what it is labelled, before it is read.
 *
 * @param file its name as reported (archive path / member name, or the file path)
 * @param name its base name, the record's image/filename
 */
public record Member(String split, String file, String name, String uri, long offset, long size, int label,
    String className, String text) {

  /**
   * Field by field: members cross two shuffles, and Java serialization (a class descriptor per
   * element) made those shuffles a third of the pipeline's start-up.
   */
  public static final Coder<Member> CODER = new AtomicCoder<>() {
    private final Coder<String> string = StringUtf8Coder.of();
    private final Coder<Long> number = VarLongCoder.of();
    private final Coder<Integer> integer = VarIntCoder.of();

    @Override
    public void encode(Member m, OutputStream out) throws IOException {
      string.encode(m.split, out);
      string.encode(m.file, out);
      string.encode(m.name, out);
      string.encode(m.uri, out);
      number.encode(m.offset, out);
      number.encode(m.size, out);
      integer.encode(m.label, out);
      string.encode(m.className, out);
      string.encode(m.text, out);
    }

    @Override
    public Member decode(InputStream in) throws IOException {
      return new Member(string.decode(in), string.decode(in), string.decode(in), string.decode(in),
          number.decode(in), number.decode(in), integer.decode(in), string.decode(in), string.decode(in));
    }
  };
}
