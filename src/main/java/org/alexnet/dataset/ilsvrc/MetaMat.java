package org.alexnet.dataset.ilsvrc;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.format.Mat5File;
import us.hebi.matlab.mat.types.Array;
import us.hebi.matlab.mat.types.Matrix;
import us.hebi.matlab.mat.types.Sinks;
import us.hebi.matlab.mat.types.Sources;
import us.hebi.matlab.mat.types.Struct;

/** The devkit's {@code data/meta.mat}: a MAT v5 struct array {@code synsets} with the devkit's fields. */
public final class MetaMat {
  private static final String VARIABLE = "synsets";
  private static final String DESCRIPTION = "MATLAB 5.0 MAT-file, Platform: Java, written by alexnet";

  private MetaMat() {}

  public static List<Synset> read(InputStream in) throws IOException {
    try (Mat5File mat = Mat5.newReader(Sources.wrapInputStream(in)).readMat()) {
      return synsets(mat.getStruct(VARIABLE));
    } catch (IllegalArgumentException | IllegalStateException | ClassCastException e) {
      throw new IOException("not a devkit meta.mat (a struct array 'synsets' with the devkit's fields): "
          + e.getMessage(), e);
    }
  }

  private static List<Synset> synsets(Struct synsets) {
    int n = synsets.getNumElements();
    List<Synset> result = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Matrix children = synsets.getMatrix("children", i);
      int[] ids = new int[children.getNumElements()];
      for (int c = 0; c < ids.length; c++) {
        ids[c] = children.getInt(c);
      }
      result.add(new Synset(
          synsets.getMatrix("ILSVRC2012_ID", i).getInt(0),
          synsets.getChar("WNID", i).getString(),
          synsets.getChar("words", i).getString(),
          synsets.getChar("gloss", i).getString(),
          ids,
          synsets.getMatrix("wordnet_height", i).getInt(0),
          synsets.getMatrix("num_train_images", i).getInt(0)));
    }
    return result;
  }

  public static void write(List<Synset> synsets, OutputStream out) throws IOException {
    Struct struct = Mat5.newStruct(1, synsets.size());
    for (int i = 0; i < synsets.size(); i++) {
      Synset s = synsets.get(i);
      struct.set("ILSVRC2012_ID", i, scalar(s.ilsvrc2012Id()));
      struct.set("WNID", i, Mat5.newString(s.wnid()));
      struct.set("words", i, Mat5.newString(s.words()));
      struct.set("gloss", i, Mat5.newString(s.gloss()));
      struct.set("num_children", i, scalar(s.children().length));
      struct.set("children", i, row(s.children()));
      struct.set("wordnet_height", i, scalar(s.wordnetHeight()));
      struct.set("num_train_images", i, scalar(s.numTrainImages()));
    }
    try (Mat5File mat = Mat5.newMatFile()) {
      mat.addArray(VARIABLE, struct);
      ByteBuffer buffer = ByteBuffer.allocate((int) mat.getUncompressedSerializedSize());
      mat.writeTo(Sinks.wrap(buffer));
      // The header's text holds the creation time; a fixed one keeps the same table the same bytes.
      byte[] description = String.format("%-116s", DESCRIPTION).getBytes(StandardCharsets.US_ASCII);
      System.arraycopy(description, 0, buffer.array(), 0, description.length);
      out.write(buffer.array(), 0, buffer.position());
    }
  }

  private static Array scalar(int value) {
    return Mat5.newScalar(value);
  }

  private static Matrix row(int[] values) {
    Matrix m = Mat5.newMatrix(values.length == 0 ? 0 : 1, values.length);
    for (int i = 0; i < values.length; i++) {
      m.setInt(i, values[i]);
    }
    return m;
  }
}
