package org.alexnet.dataset.ilsvrc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Against the real devkit's data/meta.mat (ILSVRC2012_devkit_t12). */
class MetaMatTest {
  static List<Synset> realMetaMat() throws IOException {
    try (InputStream in = MetaMatTest.class.getResourceAsStream("/meta.mat")) {
      return MetaMat.read(in);
    }
  }

  @Test
  void readsTheRealDevkitTable() throws IOException {
    List<Synset> all = realMetaMat();
    assertThat(all).hasSize(1860);
    assertThat(all.stream().filter(Synset::isLeaf)).hasSize(1000);
    assertThat(all.get(0)).satisfies(s -> {
      assertThat(s.ilsvrc2012Id()).isEqualTo(1);
      assertThat(s.wnid()).isEqualTo("n02119789");
      assertThat(s.words()).isEqualTo("kit fox, Vulpes macrotis");
      assertThat(s.numTrainImages()).isEqualTo(1300);
    });
    Synset entity = all.get(1000);
    assertThat(entity.wnid()).isEqualTo("n00001740");
    assertThat(entity.children()).containsExactly(1002, 1847);
  }

  @Test
  void devkitIdOrderIsNotSortedOrder() throws IOException {
    SynsetTable table = new SynsetTable(realMetaMat());
    assertThat(table.labelOfId(1)).as("kit fox, ID 1").isEqualTo(278);
    assertThat(table.byLabel(0).wnid()).isEqualTo("n01440764");
    assertThat(table.byLabel(0).ilsvrc2012Id()).isEqualTo(449);
    long sameOrder = table.classes().stream().filter(s -> table.labelOfId(s.ilsvrc2012Id()) == s.ilsvrc2012Id() - 1).count();
    assertThat(sameOrder).isLessThan(1000);
  }

  @Test
  void bundledTableEqualsTheRealMetaMat() throws IOException {
    assertThat(SynsetTable.bundled().all()).containsExactlyElementsOf(realMetaMat());
  }

  @Test
  void writesAMetaMatThatReadsBackTheSame() throws IOException {
    List<Synset> all = realMetaMat();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    MetaMat.write(all, out);
    assertThat(MetaMat.read(new ByteArrayInputStream(out.toByteArray()))).containsExactlyElementsOf(all);
  }

  @Test
  void refusesFilesThatAreNotMetaMat() {
    assertThatThrownBy(() -> MetaMat.read(new ByteArrayInputStream(new byte[200])))
        .isInstanceOf(IOException.class);
  }
}
