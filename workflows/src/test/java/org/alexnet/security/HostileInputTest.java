package org.alexnet.security;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.alexnet.testing.TarFiles.file;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.CRC32C;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import org.alexnet.dataset.Dataset;
import org.alexnet.dataset.manifest.Manifest;
import org.alexnet.dataset.manifest.ManifestJson;
import org.alexnet.dataset.manifest.QuarantineReason;
import org.alexnet.dataset.record.PixelFormat;
import org.alexnet.dataset.tfrecord.CorruptRecordException;
import org.alexnet.dataset.tfrecord.TfRecordReader;
import org.alexnet.pipelines.PipelineRunner;
import org.alexnet.pipelines.prepare.InputIndex;
import org.alexnet.pipelines.prepare.InputIndexer;
import org.alexnet.pipelines.prepare.PrepareInputs;
import org.alexnet.pipelines.prepare.PreparePipeline;
import org.alexnet.pipelines.prepare.PrepareRequest;
import org.alexnet.pipelines.prepare.PrepareSettings;
import org.alexnet.pipelines.prepare.ScanTask;
import org.alexnet.pipelines.prepare.archive.TarEntry;
import org.alexnet.pipelines.prepare.archive.TarScanner;
import org.alexnet.pipelines.prepare.image.StoredCrop;
import org.alexnet.pipelines.prepare.image.ImageHeader;
import org.alexnet.pipelines.prepare.image.ImagePreparer;
import org.alexnet.storage.StorageConfig;
import org.alexnet.storage.StorageUri;
import org.alexnet.trainer.weights.Tensor;
import org.alexnet.trainer.weights.TorchStateDict;
import org.alexnet.trainer.weights.UnsafePickleException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every input this project reads that an attacker (or a damaged download) can shape, one test per hostile input,
 * each named for the threat it defends against and what happens instead. The tests go through the production
 * entry points (the tar scanner, the input indexer, whole prepare runs on the embedded Flink, the image header
 * check and decoder, the weights reader, location parsing, the manifest and record readers) on real files and
 * archives built here, and on the small real images under {@code /hostile/}.
 *
 * <p>Hostile inputs that are also tested elsewhere, where the test is part of something else and stays there:
 * <ul>
 *   <li>{@code SafeNamesTest} (pipelines): the name rules themselves; {@code SafeNames} is package-private, so
 *       here they are tested through {@link InputIndexer} and the prepare pipeline.
 *   <li>{@code TarScannerTest#listsMembersWithTheirOffsetsAndTypes}: the scanner lists hostile members (absolute
 *       paths, {@code ..}, links, devices) with their true types, for the indexer to refuse.
 *   <li>{@code PreparePipelineTest#everyInputIsWrittenOrQuarantinedWithItsReason} and the CLI's
 *       {@code PrepareCommandTest}/{@code AlexNetCommandTest}: make-sample's edge cases (CMYK, a PNG named .JPEG,
 *       truncated, empty, a 65535x65535 frame header) through whole runs.
 *   <li>{@code ImagePreparerTest#coloursMatchAReferenceDecode} and {@code ImageHeaderTest#readsSizesFromJpegFrameHeadersAndPngIhdr}:
 *       CMYK/YCCK JPEGs decode to the right colours; a PNG named .JPEG is read by its content.
 *   <li>{@code TorchStateDictTest#truncatedAndForeignFilesGetClearErrors}: a real PyTorch file cut short (its
 *       530 KB fixture stays in the trainer module).
 *   <li>The data contract's format checks: {@code TfRecordTest} (flipped bytes, corrupt lengths, truncation),
 *       {@code ManifestJsonTest#refusesOtherSchemaVersionsAndNonManifests}, {@code NpyArrayTest#rejectsWhatIsNotNpy},
 *       {@code MetaMatTest#refusesFilesThatAreNotMetaMat}, {@code ExampleCodecTest#rejectsGarbageAndMissingFeatures},
 *       {@code StorageUriTest#badLocationsSayWhatIsWrong}.
 * </ul>
 */
class HostileInputTest {
  /** The S3 read window, the local one, and one smaller than a header block (every header then read on its own). */
  static final int[] WINDOWS = {1 << 20, 8 << 10, 300};
  static final PrepareSettings D = PrepareSettings.DEFAULTS;

  // ---------------------------------------------------------------------------------------------------------------
  // Tar archives: the scanner that lists them from headers alone
  // ---------------------------------------------------------------------------------------------------------------

  @Nested
  @DisplayName("tar archives (TarScanner)")
  class Archives {
    /** Moved from TarScannerTest#aTruncatedArchiveIsAnErrorNotASilentShortList. */
    @Test
    @DisplayName("defends against archives cut short inside a member, and files that are not tars: an error naming the archive, not a silently short list")
    void truncatedArchivesAndNonTarsAreErrors() throws IOException {
      byte[] archive = tarOf(t -> {
        file(t, "n01440764_1.JPEG", new byte[1000]);
        file(t, "n01440764_2.JPEG", new byte[512]);
      });
      byte[] cut = Arrays.copyOf(archive, 1200);
      byte[] garbage = new byte[2048];
      Arrays.fill(garbage, (byte) 'x');
      for (int window : WINDOWS) {
        assertThatThrownBy(() -> scan(cut, window)).isInstanceOf(EOFException.class)
            .hasMessageContaining("test.tar").hasMessageContaining("truncated");
        assertThatThrownBy(() -> scan(garbage, window)).hasMessageContaining("not a tar file");
      }
    }

    @Test
    @DisplayName("defends against a member header claiming 8 GiB in a small archive: an error before anything is read or allocated")
    void aHugeMemberSizeIsAnError() throws IOException {
      ByteArrayOutputStream archive = new ByteArrayOutputStream();
      archive.write(rawHeader("n01440764_1.JPEG", '0', 8L << 30));
      archive.write(new byte[2 * 512]);
      for (int window : WINDOWS) {
        assertThatThrownBy(() -> scan(archive.toByteArray(), window)).isInstanceOf(EOFException.class)
            .hasMessageContaining("n01440764_1.JPEG").hasMessageContaining("runs past the end of the archive");
      }
    }

    @Test
    @DisplayName("defends against negative and overflowing base-256 member sizes (a scan moved backwards, looping until out of memory): refused as a damaged archive, naming the member and its offset")
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // undefended, the scan never ends
    void negativeAndOverflowingMemberSizesAreRefused() throws IOException {
      for (long size : new long[] {-1100, -1, Long.MAX_VALUE - 100, Long.MIN_VALUE}) {
        ByteArrayOutputStream archive = new ByteArrayOutputStream();
        archive.write(rawHeader("n01440764_1.JPEG", '0', 3));
        archive.write(new byte[512]);
        archive.write(rawHeader("n01440764_2.JPEG", '0', size));
        archive.write(new byte[2 * 512]);
        for (int window : WINDOWS) {
          assertThatThrownBy(() -> scan(archive.toByteArray(), window)).isInstanceOf(IOException.class)
              .hasMessageContaining("member n01440764_2.JPEG at byte 1024").hasMessageContaining("impossible size of " + size)
              .hasMessageContaining("the archive is damaged");
        }
      }
    }

    @Test
    @DisplayName("defends against GNU long-name and PAX headers over 64 KiB: refused, never read into memory")
    void oversizedExtendedHeadersAreRefused() throws IOException {
      // Built by hand as GNU tar and commons-compress write them: commons-compress takes seconds over such a name.
      String shortName = "n01440764_" + "9".repeat(200) + ".JPEG";
      String longName = "n01440764_" + "9".repeat(70_000) + ".JPEG";
      for (char type : new char[] {'L', 'x'}) {
        for (int window : WINDOWS) {
          assertThat(scan(extendedHeader(type, shortName), window)).extracting(TarEntry::name).containsExactly(shortName);
          byte[] archive = extendedHeader(type, longName);
          assertThatThrownBy(() -> scan(archive, window)).isInstanceOf(IOException.class)
              .hasMessageContaining("extended tar header of").hasMessageContaining("refusing");
        }
      }
    }

    /** A GNU long-name ({@code L}) or PAX ({@code x}) header naming the member after it, then the end of the archive. */
    private byte[] extendedHeader(char type, String name) throws IOException {
      byte[] data;
      if (type == 'L') {
        data = (name + "\0").getBytes(UTF_8);
      } else {
        String record = " path=" + name + "\n";
        int length = record.length();
        while (Integer.toString(length).length() + record.length() != length) {
          length = Integer.toString(length).length() + record.length();
        }
        data = (length + record).getBytes(UTF_8);
      }
      ByteArrayOutputStream archive = new ByteArrayOutputStream();
      archive.write(rawHeader(type == 'L' ? "././@LongLink" : "PaxHeaders/n01440764_9.JPEG", type, data.length));
      archive.write(data);
      archive.write(new byte[(512 - data.length % 512) % 512]);
      archive.write(rawHeader("n01440764_9.JPEG", '0', 3));
      archive.write(new byte[512 + 2 * 512]);
      return archive.toByteArray();
    }

    @Test
    @DisplayName("defends against a nested class tar whose members claim bytes beyond it: an error, nothing read from the outer archive")
    void nestedTarsCannotReachOutsideTheirMember() throws IOException {
      byte[] inner = tarOf(t -> file(t, "n01440764_1.JPEG", new byte[1000]));
      byte[] cutInner = Arrays.copyOf(inner, 1200); // its member claims 1000 bytes from byte 512: 312 are missing
      byte[] outer = tarOf(t -> {
        file(t, "n01440764.tar", cutInner);
        file(t, "n01443537.tar", new byte[4096]); // plenty of bytes after it in the outer archive
      });
      for (int window : WINDOWS) {
        TarEntry classTar = scan(outer, 0, outer.length, window).get(0);
        assertThat(classTar.name()).isEqualTo("n01440764.tar");
        assertThatThrownBy(() -> scan(outer, classTar.dataOffset(), classTar.dataOffset() + classTar.size(), window))
            .isInstanceOf(EOFException.class).hasMessageContaining("runs past the end of the archive");
      }
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
  // What prepare's driver reads before the pipeline: the train tar's top level, folders, labels, selections, devkit
  // ---------------------------------------------------------------------------------------------------------------

  @Nested
  @DisplayName("prepare's inputs (InputIndexer)")
  class Inputs {
    @TempDir Path dir;

    @Test
    @DisplayName("defends against hard links at the train tar's top level: quarantined as hostile-name, never followed")
    void hardLinksAreRefused() throws IOException {
      InputIndex index = indexTrainTar(t -> {
        TarArchiveEntry link = new TarArchiveEntry("n01443537.tar", TarConstants.LF_LINK);
        link.setLinkName("n01440764.tar");
        t.putArchiveEntry(link);
        t.closeArchiveEntry();
      });
      assertThat(index.refused()).singleElement().satisfies(q -> {
        assertThat(q.file()).isEqualTo("train.tar/n01443537.tar");
        assertThat(q.reason()).isEqualTo(QuarantineReason.HOSTILE_NAME);
        assertThat(q.detail()).contains("hard link to n01440764.tar", "never followed");
      });
      assertThat(index.tasks()).extracting(ScanTask::className).containsExactly("n01440764");
    }

    @Test
    @DisplayName("defends against FIFOs at the train tar's top level: quarantined as hostile-name, never opened")
    void fifosAreRefused() throws IOException {
      InputIndex index = indexTrainTar(t -> {
        t.putArchiveEntry(new TarArchiveEntry("n01443537.tar", TarConstants.LF_FIFO));
        t.closeArchiveEntry();
      });
      assertThat(index.refused()).singleElement().satisfies(q -> {
        assertThat(q.reason()).isEqualTo(QuarantineReason.HOSTILE_NAME);
        assertThat(q.detail()).contains("not a regular file (fifo)");
      });
      assertThat(index.tasks()).hasSize(1);
    }

    @Test
    @DisplayName("defends against terminal escape sequences in member names: quarantined as hostile-name, shown escaped")
    void controlCharactersInMemberNamesAreEscaped() throws IOException {
      InputIndex index = indexTrainTar(t -> file(t, "n0144\u001b[2J\u0007.tar", new byte[10]));
      assertThat(index.refused()).singleElement().satisfies(q -> {
        assertThat(q.reason()).isEqualTo(QuarantineReason.HOSTILE_NAME);
        assertThat(q.file()).isEqualTo("train.tar/n0144\\x1b[2J\\x07.tar").doesNotContain("\u001b");
      });
    }

    @Test
    @DisplayName("defends against overlong member names flooding the quarantine and logs: quarantined as hostile-name, shown cut to 120 characters")
    void overlongMemberNamesAreShortened() throws IOException {
      String name = "n01440764_" + "1".repeat(290) + ".tar";
      InputIndex index = indexTrainTar(t -> file(t, name, new byte[10]));
      assertThat(index.refused()).singleElement().satisfies(q -> {
        assertThat(q.reason()).isEqualTo(QuarantineReason.HOSTILE_NAME);
        assertThat(q.file()).isEqualTo("train.tar/" + name.substring(0, 120) + "...");
      });
    }

    @Test
    @DisplayName("defends against class folders that are not plain names (dot-start, '..', control characters): their files quarantined as hostile-name")
    void hostileClassFoldersAreRefused() throws IOException {
      InputIndex index = indexFolder("n01440764/n01440764_1.JPEG", ".hidden/x.JPEG", "up../x.JPEG", "esc\u001b[2J/x.JPEG");
      assertThat(index.refused()).hasSize(3).allSatisfy(q -> {
        assertThat(q.reason()).isEqualTo(QuarantineReason.HOSTILE_NAME);
        assertThat(q.detail()).contains("expected train/<class>/<file>");
      });
      assertThat(index.refused()).extracting(Manifest.Quarantined::file).contains(".hidden/x.JPEG", "up../x.JPEG");
      assertThat(index.tasks()).extracting(ScanTask::uri)
          .containsExactly(dir.resolve("train/n01440764/n01440764_1.JPEG").toString());
    }

    @Test
    @DisplayName("defends against files outside train/<class>/<file> in an ImageFolder tree: quarantined as hostile-name, no class invented for them")
    void filesOutsideTheLayoutAreRefused() throws IOException {
      InputIndex index = indexFolder("n01440764/n01440764_1.JPEG", "loose.JPEG", "n01443537/deeper/x.JPEG");
      assertThat(index.refused()).extracting(Manifest.Quarantined::file, Manifest.Quarantined::reason).containsExactlyInAnyOrder(
          org.assertj.core.groups.Tuple.tuple("loose.JPEG", QuarantineReason.HOSTILE_NAME),
          org.assertj.core.groups.Tuple.tuple("n01443537/deeper/x.JPEG", QuarantineReason.HOSTILE_NAME));
      assertThat(index.labels().classes().labels()).extracting(Manifest.ClassLabel::name).containsExactly("n01440764");
    }

    @Test
    @DisplayName("defends against terminal escape sequences in ImageFolder file names: quarantined as hostile-name")
    void controlCharactersInFolderFileNamesAreRefused() throws IOException {
      InputIndex index = indexFolder("n01440764/n01440764_1.JPEG", "n01440764/e\u001b[31mvil.JPEG");
      assertThat(index.refused()).singleElement().satisfies(q -> assertThat(q.reason()).isEqualTo(QuarantineReason.HOSTILE_NAME));
      assertThat(index.tasks()).hasSize(1);
    }

    /** An ImageFolder tree at dir/train of these files (each the same small JPEG), indexed. */
    private InputIndex indexFolder(String... files) throws IOException {
      Path train = dir.resolve("train");
      for (String f : files) {
        write(train.resolve(f), hopper());
      }
      return InputIndexer.index(new PrepareInputs(train.toString(), null, null, null, null));
    }

    @Test
    @DisplayName("defends against a validation label table naming a path as a class: refused with the line, before anything is read")
    void hostileClassesInALabelTableAreRefused() throws IOException {
      Path val = dir.resolve("val");
      write(val.resolve("ILSVRC2012_val_00000001.JPEG"), hopper());
      Path labels = dir.resolve("labels.tsv");
      Files.writeString(labels, "# file\tclass\nILSVRC2012_val_00000001.JPEG\tn01440764\nILSVRC2012_val_00000002.JPEG\t../../etc\n");
      assertThatThrownBy(() -> InputIndexer.index(new PrepareInputs(null, val.toString(), null, labels.toString(), null)))
          .isInstanceOf(IOException.class).hasMessageContaining("line 3: expected 'file name, class'");
    }

    @Test
    @DisplayName("defends against a --classes file with paths or escape sequences for class names: refused, the name shown escaped")
    void hostileLinesInAClassSelectionAreRefused() throws IOException {
      Path train = trainTar(t -> { });
      Path traversal = dir.resolve("traversal.txt");
      Files.writeString(traversal, "n01440764\n../n01443537\n");
      assertThatThrownBy(() -> InputIndexer.index(new PrepareInputs(train.toString(), null, null, null, traversal.toString())))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'../n01443537' is not a class name");
      Path escape = dir.resolve("escape.txt");
      Files.writeString(escape, "evil\u001b[2J\n");
      assertThatThrownBy(() -> InputIndexer.index(new PrepareInputs(train.toString(), null, null, null, escape.toString())))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'evil\\x1b[2J' is not a class name")
          .hasMessageNotContaining("\u001b");
    }

    @Test
    @DisplayName("defends against a devkit that is not a .tar.gz: refused, naming the file")
    void aForeignDevkitIsRefused() throws IOException {
      Path devkit = dir.resolve("ILSVRC2012_devkit_t12.tar.gz");
      Files.writeString(devkit, "<html>not found</html>");
      assertThatThrownBy(() -> InputIndexer.index(new PrepareInputs(trainTar(t -> { }).toString(), null, devkit.toString(), null, null)))
          .isInstanceOf(IOException.class).hasMessageContaining("is not a readable devkit .tar.gz");
    }

    @Test
    @DisplayName("defends against a devkit archive without the devkit's tables: refused, saying which are missing")
    void aDevkitWithoutItsTablesIsRefused() throws IOException {
      Path devkit = devkit(Map.of("ILSVRC2012_devkit_t12/readme.txt", "hello".getBytes(UTF_8)));
      assertThatThrownBy(() -> InputIndexer.index(new PrepareInputs(trainTar(t -> { }).toString(), null, devkit.toString(), null, null)))
          .isInstanceOf(IOException.class).hasMessageContaining("lacks data/meta.mat");
    }

    @Test
    @DisplayName("defends against a devkit ground truth holding other than ILSVRC2012_IDs: refused, not read as labels")
    void aDevkitGroundTruthOfGarbageIsRefused() throws IOException {
      Path devkit = devkit(Map.of("ILSVRC2012_devkit_t12/data/ILSVRC2012_validation_ground_truth.txt",
          "490\n361\n../../etc/passwd\n".getBytes(UTF_8)));
      assertThatThrownBy(() -> InputIndexer.index(new PrepareInputs(trainTar(t -> { }).toString(), null, devkit.toString(), null, null)))
          .isInstanceOf(IOException.class).hasMessageContaining("not an ILSVRC2012_ID");
    }

    /** A train tar of one good class tar plus what {@code extra} adds, indexed. */
    private InputIndex indexTrainTar(TarContent extra) throws IOException {
      return InputIndexer.index(new PrepareInputs(trainTar(extra).toString(), null, null, null, null));
    }

    private Path trainTar(TarContent extra) throws IOException {
      Path train = dir.resolve("train.tar");
      Files.write(train, tarOf(t -> {
        t.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        file(t, "n01440764.tar", tarOf(c -> file(c, "n01440764_1.JPEG", hopper())));
        extra.addTo(t);
      }));
      return train;
    }

    private Path devkit(Map<String, byte[]> members) throws IOException {
      Path devkit = dir.resolve("ILSVRC2012_devkit_t12.tar.gz");
      try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(Files.newOutputStream(devkit)))) {
        for (Map.Entry<String, byte[]> m : members.entrySet()) {
          file(tar, m.getKey(), m.getValue());
        }
      }
      return devkit;
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Whole prepare runs (embedded Flink) on archives built to attack the reader
  // ---------------------------------------------------------------------------------------------------------------

  /**
   * Moved from PrepareResilienceTest#hostileEntriesAreQuarantinedAndNothingLeavesTheOutput: the same archive and
   * run, its assertions one test per hostile entry. Class tars with one good image, the same name again, and the
   * entries an attacker would try, inside a train tar with a hostile class tar name and a stray file.
   */
  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  @DisplayName("prepare on hostile archive entries (PreparePipeline)")
  class PrepareOnHostileEntries {
    /** 64-pixel images in 4 train and 2 validation shards. */
    final PrepareSettings sharded = new PrepareSettings(64, StoredCrop.CENTER, PixelFormat.RAW, D.quality(), 4, 2, D.seed(),
        D.maxPixels(), D.maxFileBytes());

    Path dir;
    Path val;
    Manifest m;
    List<String> reasons;

    @BeforeAll
    void prepare(@TempDir Path tempDir) throws Exception {
      dir = tempDir;
      Path train = dir.resolve("hostile_train.tar");
      byte[] jpeg = hopper();
      try (TarArchiveOutputStream outer = new TarArchiveOutputStream(Files.newOutputStream(train))) {
        outer.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        file(outer, "n01440764.tar", classTar(jpeg));
        file(outer, "../n01443537.tar", classTar(jpeg));
        file(outer, "README.txt", "not a class".getBytes(UTF_8));
        file(outer, "n99999999.tar", classTar(jpeg));
      }
      val = dir.resolve("val");
      Files.createDirectories(val);
      Files.write(val.resolve("ILSVRC2012_val_00000001.JPEG"), jpeg);
      Files.write(val.resolve("unlabelled.JPEG"), jpeg);
      Path labels = dir.resolve("labels.tsv");
      Files.writeString(labels, "# file\twnid\nILSVRC2012_val_00000001.JPEG\tn01440764\n");

      PrepareRequest request = new PrepareRequest(new PrepareInputs(train.toString(), val.toString(), null,
          labels.toString(), null), dir.resolve("out").toString(), sharded, false);
      m = PreparePipeline.run(request, PipelineRunner.local(2, StorageConfig.defaults()), "hostile").dataset().manifest();
      reasons = new ArrayList<>();
      m.quarantine().forEach(q -> reasons.add(q.reason().code() + " " + q.file()));
    }

    /** A class tar with one good image, the same name again, and the entries an attacker would try. */
    private byte[] classTar(byte[] jpeg) throws IOException {
      return tarOf(tar -> {
        file(tar, "n01440764_1.JPEG", jpeg);
        file(tar, "n01440764_1.JPEG", jpeg);
        file(tar, "/etc/passwd", jpeg);
        file(tar, "../../escape.JPEG", jpeg);
        TarArchiveEntry link = new TarArchiveEntry("link.JPEG", TarConstants.LF_SYMLINK);
        link.setLinkName("/etc/shadow");
        tar.putArchiveEntry(link);
        tar.closeArchiveEntry();
        tar.putArchiveEntry(new TarArchiveEntry("null.JPEG", TarConstants.LF_CHR));
        tar.closeArchiveEntry();
      });
    }

    @Test
    @DisplayName("defends against '..' in a class tar's name: quarantined as hostile-name, its images never read and its class never made")
    void traversalInAClassTarName() {
      assertThat(reasons).contains("hostile-name hostile_train.tar/../n01443537.tar");
      assertThat(reasons).noneMatch(r -> r.contains("n01443537.tar/"));
      assertThat(m.classNames()).doesNotContain("n01443537");
    }

    @Test
    @DisplayName("defends against absolute member paths (/etc/passwd): quarantined as hostile-name, /etc/passwd untouched")
    void absoluteMemberPaths() {
      assertThat(reasons).contains("hostile-name hostile_train.tar/n01440764.tar//etc/passwd",
          "hostile-name hostile_train.tar/n99999999.tar//etc/passwd");
      assertThat(Path.of("/etc/passwd")).isReadable();
    }

    @Test
    @DisplayName("defends against '../' path traversal in member names: quarantined as hostile-name, nothing written outside the output")
    void traversalInMemberNames() throws IOException {
      assertThat(reasons).contains("hostile-name hostile_train.tar/n01440764.tar/../../escape.JPEG",
          "hostile-name hostile_train.tar/n99999999.tar/../../escape.JPEG");
      try (var files = Files.list(dir)) {
        assertThat(files.map(f -> f.getFileName().toString()))
            .containsExactlyInAnyOrder("hostile_train.tar", "val", "labels.tsv", "out");
      }
      assertThat(dir.getParent().resolve("escape.JPEG")).doesNotExist();
    }

    @Test
    @DisplayName("defends against symbolic links in class tars: quarantined as hostile-name with the target shown, never followed")
    void symlinkMembers() {
      assertThat(reasons).contains("hostile-name hostile_train.tar/n01440764.tar/link.JPEG",
          "hostile-name hostile_train.tar/n99999999.tar/link.JPEG");
      assertThat(m.quarantine()).filteredOn(q -> q.file().endsWith("/link.JPEG"))
          .allSatisfy(q -> assertThat(q.detail()).contains("symbolic link to /etc/shadow", "never followed"));
    }

    @Test
    @DisplayName("defends against device files in class tars: quarantined as hostile-name, never opened")
    void deviceMembers() {
      assertThat(reasons).contains("hostile-name hostile_train.tar/n01440764.tar/null.JPEG",
          "hostile-name hostile_train.tar/n99999999.tar/null.JPEG");
    }

    @Test
    @DisplayName("defends against a stray non-tar file where class tars belong: quarantined as not-an-image")
    void strayFileAtTheTopLevel() {
      assertThat(reasons).contains("not-an-image hostile_train.tar/README.txt");
    }

    @Test
    @DisplayName("defends against duplicate member names: one copy written, the other quarantined as duplicate")
    void duplicateMemberNames() {
      assertThat(reasons).contains("duplicate hostile_train.tar/n01440764.tar/n01440764_1.JPEG",
          "duplicate hostile_train.tar/n99999999.tar/n01440764_1.JPEG");
      assertThat(m.splits().get(Dataset.TRAIN).images()).isEqualTo(2);
    }

    @Test
    @DisplayName("defends against validation files the ground truth does not name: quarantined as unknown-class, never given a guessed label")
    void unlabelledValidationFiles() {
      assertThat(reasons).contains("unknown-class " + val + "/unlabelled.JPEG");
      assertThat(m.splits().get(Dataset.VALIDATION).images()).isEqualTo(1);
    }

    @Test
    @DisplayName("defends against hostile entries going unaccounted for: the quarantine lists exactly the refused entries, each with its reason")
    void everyRefusedEntryIsAccountedFor() {
      // without a devkit the class tars are the classes, n99999999 among them: its image is written too
      assertThat(m.classNames()).containsExactly("n01440764", "n99999999");
      assertThat(m.splits().get(Dataset.TRAIN).images()).isEqualTo(2);
      assertThat(m.splits().get(Dataset.VALIDATION).images()).isEqualTo(1);
      assertThat(reasons).containsExactlyInAnyOrder(
          "hostile-name hostile_train.tar/../n01443537.tar",
          "not-an-image hostile_train.tar/README.txt",
          "hostile-name hostile_train.tar/n01440764.tar//etc/passwd",
          "hostile-name hostile_train.tar/n01440764.tar/../../escape.JPEG",
          "hostile-name hostile_train.tar/n01440764.tar/link.JPEG",
          "hostile-name hostile_train.tar/n01440764.tar/null.JPEG",
          "duplicate hostile_train.tar/n01440764.tar/n01440764_1.JPEG",
          "duplicate hostile_train.tar/n99999999.tar/n01440764_1.JPEG",
          "hostile-name hostile_train.tar/n99999999.tar//etc/passwd",
          "hostile-name hostile_train.tar/n99999999.tar/../../escape.JPEG",
          "hostile-name hostile_train.tar/n99999999.tar/link.JPEG",
          "hostile-name hostile_train.tar/n99999999.tar/null.JPEG",
          "unknown-class " + val + "/unlabelled.JPEG");
      assertThat(m.quarantine()).filteredOn(q -> q.reason() == QuarantineReason.HOSTILE_NAME)
          .allSatisfy(q -> assertThat(q.detail()).isNotBlank());
    }
  }

  /** Class-tar members that are well named but whose content is hostile, through a whole run with a 64 KiB file limit. */
  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  @DisplayName("prepare on hostile member contents (PreparePipeline)")
  class PrepareOnHostileMembers {
    static final long MAX_FILE_BYTES = 64 << 10;

    Path dir;
    Manifest m;
    Map<String, Manifest.Quarantined> quarantined;

    @BeforeAll
    void prepare(@TempDir Path tempDir) throws Exception {
      dir = tempDir;
      byte[] jpeg = hopper();
      Path train = dir.resolve("train.tar");
      Files.write(train, tarOf(outer -> file(outer, "n01440764.tar", tarOf(c -> {
        file(c, "n01440764_1.JPEG", jpeg);
        file(c, "n01440764_2.JPEG", tarOf(inner -> file(inner, "n01440764_9.JPEG", jpeg)));
        file(c, "n01440764_3.JPEG", new byte[(int) MAX_FILE_BYTES + 1]);
        file(c, "n01440764_4.JPEG", headerOnlyJpeg());
      }))));
      Path val = dir.resolve("val");
      write(val.resolve("n01440764/ILSVRC2012_val_00000001.JPEG"), jpeg);
      PrepareSettings settings = new PrepareSettings(64, StoredCrop.CENTER, PixelFormat.RAW, D.quality(), 1, 1, D.seed(),
          D.maxPixels(), MAX_FILE_BYTES);
      PrepareRequest request = new PrepareRequest(new PrepareInputs(train.toString(), val.toString(), null, null, null),
          dir.resolve("out").toString(), settings, false);
      m = PreparePipeline.run(request, PipelineRunner.local(2, StorageConfig.defaults()), "hostile-members").dataset().manifest();
      quarantined = m.quarantine().stream().collect(Collectors.toMap(Manifest.Quarantined::file, q -> q));
    }

    @Test
    @DisplayName("defends against tars nested inside class tars: never unpacked, quarantined as not-an-image")
    void nestedTarsAreNotUnpacked() {
      assertThat(quarantined.get("train.tar/n01440764.tar/n01440764_2.JPEG").reason()).isEqualTo(QuarantineReason.NOT_AN_IMAGE);
      assertThat(m.quarantine()).noneMatch(q -> q.file().contains("n01440764_9"));
    }

    @Test
    @DisplayName("defends against oversized members: quarantined as too-large from the header's size, never read into memory")
    void oversizedMembersAreNotRead() {
      Manifest.Quarantined q = quarantined.get("train.tar/n01440764.tar/n01440764_3.JPEG");
      assertThat(q.reason()).isEqualTo(QuarantineReason.TOO_LARGE);
      assertThat(q.detail()).contains("over the limit");
    }

    @Test
    @DisplayName("defends against files that pass the header check but do not decode: quarantined as corrupt, the run goes on")
    void undecodableMembersAreQuarantined() {
      Manifest.Quarantined q = quarantined.get("train.tar/n01440764.tar/n01440764_4.JPEG");
      assertThat(q.reason()).isEqualTo(QuarantineReason.CORRUPT);
      assertThat(q.detail()).contains("cannot be decoded");
      assertThat(quarantined).hasSize(3);
      assertThat(m.splits().get(Dataset.TRAIN).images()).isEqualTo(1);
      assertThat(m.splits().get(Dataset.VALIDATION).images()).isEqualTo(1);
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Images: the header check before any decoder allocates, and the decoder
  // ---------------------------------------------------------------------------------------------------------------

  /** The first six moved from ImageHeaderTest#givesEachBadFileItsReason, one test per bad file. */
  @Nested
  @DisplayName("images (ImageHeader, ImagePreparer)")
  class Images {
    static final long LIMIT = 100_000_000L;

    @Test
    @DisplayName("defends against zero-byte files: quarantined as empty")
    void zeroByteFiles() {
      assertThat(ImageHeader.check(new byte[0], LIMIT).reason()).isEqualTo(QuarantineReason.EMPTY);
    }

    @Test
    @DisplayName("defends against JPEGs cut short: quarantined as truncated, not decoded with grey filling the rest")
    void truncatedJpegs() throws IOException {
      assertThat(ImageHeader.check(resource("pillow-src__truncated_jpeg.jpg"), LIMIT).reason()).isEqualTo(QuarantineReason.TRUNCATED);
      byte[] jpeg = hopper();
      assertThat(ImageHeader.check(Arrays.copyOf(jpeg, jpeg.length / 2), LIMIT).reason()).isEqualTo(QuarantineReason.TRUNCATED);
    }

    @Test
    @DisplayName("defends against PNGs cut short: quarantined as truncated")
    void truncatedPngs() throws IOException {
      byte[] png = png(ImageIO.read(new ByteArrayInputStream(hopper())));
      assertThat(ImageHeader.check(png, LIMIT)).isNull();
      assertThat(ImageHeader.check(Arrays.copyOf(png, png.length - 100), LIMIT).reason()).isEqualTo(QuarantineReason.TRUNCATED);
    }

    @Test
    @DisplayName("defends against damaged PNG headers: quarantined as corrupt")
    void damagedPngs() throws IOException {
      assertThat(ImageHeader.check(resource("pillow-src__broken.png"), LIMIT).reason()).isEqualTo(QuarantineReason.CORRUPT);
    }

    @Test
    @DisplayName("defends against files named as images that are neither JPEG nor PNG: quarantined as not-an-image")
    void filesThatAreNotImages() {
      assertThat(ImageHeader.check("GIF89a and more bytes, enough to not be truncated........................".getBytes(UTF_8), LIMIT)
          .reason()).isEqualTo(QuarantineReason.NOT_AN_IMAGE);
    }

    @Test
    @DisplayName("defends against images over the pixel limit: quarantined as too-large before decoding")
    void imagesOverThePixelLimit() throws IOException {
      byte[] jpeg = hopper(); // 128x128
      assertThat(ImageHeader.check(jpeg, 128 * 128)).isNull();
      assertThat(ImageHeader.check(jpeg, 128 * 128 - 1).reason()).isEqualTo(QuarantineReason.TOO_LARGE);
    }

    @Test
    @DisplayName("defends against a JPEG decompression bomb (a 6 KB file whose frame header claims 65535x65535): too-large under the default limit, before any decoder allocates")
    void jpegDecompressionBombs() throws IOException {
      assertRefused(withJpegSize(hopper(), 0xFFFF, 0xFFFF), D.maxPixels(), QuarantineReason.TOO_LARGE, "65535x65535");
    }

    @Test
    @DisplayName("defends against a PNG decompression bomb (IHDR claiming 100000x100000, past int range): too-large under the default limit")
    void pngDecompressionBombs() {
      assertRefused(pngHeader(100_000, 100_000), D.maxPixels(), QuarantineReason.TOO_LARGE, "100000x100000");
    }

    @Test
    @DisplayName("defends against zero and negative image sizes in headers: quarantined as corrupt")
    void zeroAndNegativeSizes() throws IOException {
      assertThat(ImageHeader.check(withJpegSize(hopper(), 128, 0), LIMIT).reason()).isEqualTo(QuarantineReason.CORRUPT);
      assertThat(ImageHeader.check(pngHeader(-5, 100), LIMIT).reason()).isEqualTo(QuarantineReason.CORRUPT);
    }

    @Test
    @DisplayName("defends against JPEG segment lengths that run past the end of the file: quarantined as truncated, no exception or endless walk")
    void jpegSegmentsPastTheEnd() {
      byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE1, (byte) 0xFF, (byte) 0xFF, 0, 0, (byte) 0xFF, (byte) 0xD9};
      assertRefused(jpeg, LIMIT, QuarantineReason.TRUNCATED, "ends inside the image header");
    }

    @Test
    @DisplayName("defends against JPEGs whose scan comes before any frame header: quarantined as corrupt")
    void jpegsWithoutAFrameHeader() {
      byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xDA, 0, 2, 1, 2, 3, (byte) 0xFF, (byte) 0xD9};
      assertRefused(jpeg, LIMIT, QuarantineReason.CORRUPT, "without a frame header");
    }

    private void assertRefused(byte[] file, long maxPixels, QuarantineReason reason, String detail) {
      ImageHeader.Rejection rejection = ImageHeader.check(file, maxPixels);
      assertThat(rejection.reason()).isEqualTo(reason);
      assertThat(rejection.detail()).contains(detail);
    }

    /** Moved from ImagePreparerTest#undecodableDataIsAnError. */
    @Test
    @DisplayName("defends against JPEGs whose header passes but whose data does not decode: an error, never garbage pixels")
    void undecodableDataIsAnError() {
      byte[] header = headerOnlyJpeg();
      try (ImagePreparer preparer = new ImagePreparer(64, StoredCrop.CENTER)) {
        assertThatThrownBy(() -> preparer.prepare(header, ImageHeader.parse(header)))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("could not read");
      }
    }

    /** A copy of a baseline JPEG whose SOF0 frame header claims another size. */
    private byte[] withJpegSize(byte[] jpeg, int width, int height) {
      byte[] patched = jpeg.clone();
      for (int i = 2; i + 8 < patched.length; i++) {
        if ((patched[i] & 0xff) == 0xFF && (patched[i + 1] & 0xff) == 0xC0) {
          // SOF0: FF C0, length (2), precision (1), height (2), width (2)
          patched[i + 5] = (byte) (height >> 8);
          patched[i + 6] = (byte) height;
          patched[i + 7] = (byte) (width >> 8);
          patched[i + 8] = (byte) width;
          return patched;
        }
      }
      throw new IllegalStateException("no baseline frame header");
    }

    /** The signature, an IHDR claiming this size, and an IEND: what the header check reads of a PNG. */
    private byte[] pngHeader(int width, int height) {
      ByteBuffer png = ByteBuffer.allocate(8 + 25 + 12);
      png.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10});
      png.putInt(13).put("IHDR".getBytes(ISO_8859_1)).putInt(width).putInt(height).put(new byte[] {8, 2, 0, 0, 0}).putInt(0);
      png.putInt(0).put("IEND".getBytes(ISO_8859_1)).putInt(0xAE426082);
      return png.array();
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
  // PyTorch weights: torch.save files and the pickles inside them
  // ---------------------------------------------------------------------------------------------------------------

  @Nested
  @DisplayName("weights files and pickles (TorchStateDict, RestrictedUnpickler)")
  class Pickles {
    /** Moved from TorchStateDictTest#refusesPicklesThatNameOtherGlobals. */
    @Test
    @DisplayName("defends against pickles that name os.system or builtins.eval (GLOBAL, REDUCE): refused before anything is called")
    void globalsThatRunCodeAreRefused() throws IOException {
      byte[] evil = "cos\nsystem\n(S'echo pwned > /tmp/pwned'\ntR.".getBytes(ISO_8859_1);
      assertThatThrownBy(() -> TorchStateDict.read(zip("archive/data.pkl", evil), "evil.pth"))
          .isInstanceOf(UnsafePickleException.class).hasMessageContaining("os.system").hasMessageContaining("refusing");
      byte[] evalCall = "\u0080\u0002cbuiltins\neval\nX\u0004\u0000\u0000\u00001+1\u0085R.".getBytes(ISO_8859_1);
      assertThatThrownBy(() -> TorchStateDict.read(zip("x/data.pkl", evalCall), "eval.pth"))
          .isInstanceOf(UnsafePickleException.class).hasMessageContaining("builtins.eval");
      assertThat(new java.io.File("/tmp/pwned")).doesNotExist();
    }

    @Test
    @DisplayName("defends against protocol-4 pickles that name os.system with STACK_GLOBAL: refused before anything is called")
    void stackGlobalsAreRefused() {
      byte[] evil = new Pickle().op(0x80, 4).op(0x8c, 2).raw("os").op(0x8c, 6).raw("system").op(0x93)
          .str("echo pwned").op(0x85, 'R', '.').bytes();
      assertThatThrownBy(() -> TorchStateDict.read(zip("archive/data.pkl", evil), "stack-global.pth"))
          .isInstanceOf(UnsafePickleException.class).hasMessageContaining("os.system");
    }

    @Test
    @DisplayName("defends against unexpected classes from the allowed modules (torch.load, torch._utils._rebuild_from_type_v2, collections.defaultdict): refused")
    void otherClassesOfAllowedModulesAreRefused() {
      for (String[] global : new String[][] {{"torch", "load"}, {"torch._utils", "_rebuild_from_type_v2"},
          {"collections", "defaultdict"}}) {
        byte[] pickle = new Pickle().op(0x80, 2).global(global[0], global[1]).op(')', 'R', '.').bytes();
        assertThatThrownBy(() -> TorchStateDict.read(zip("archive/data.pkl", pickle), "unexpected.pth"))
            .isInstanceOf(UnsafePickleException.class).hasMessageContaining(global[0] + "." + global[1]);
      }
    }

    @Test
    @DisplayName("defends against object-building opcodes a state_dict never uses (INST, OBJ, EXT1): refused")
    void objectBuildingOpcodesAreRefused() {
      for (int opcode : new int[] {'i', 'o', 0x82}) {
        byte[] pickle = new Pickle().op(0x80, 2).op(opcode).raw("os\nsystem\n").op('.').bytes();
        assertThatThrownBy(() -> TorchStateDict.read(zip("archive/data.pkl", pickle), "opcode.pth"))
            .isInstanceOf(IOException.class).hasMessageContaining("is not one a state_dict uses: refusing");
      }
    }

    @Test
    @DisplayName("defends against REDUCE on something that is not an allowed global: refused, nothing called")
    void reduceOnANonGlobalIsRefused() {
      byte[] pickle = new Pickle().op(0x80, 2).str("os.system").op(')', 'R', '.').bytes();
      assertThatThrownBy(() -> TorchStateDict.read(zip("archive/data.pkl", pickle), "reduce.pth"))
          .isInstanceOf(IOException.class).hasMessageContaining("not an allowed global");
    }

    @Test
    @DisplayName("defends against zip-slip entry names (../../) in a .pth: entries are read in memory by name, nothing is extracted")
    void zipSlipNamesAreNeverExtracted() throws IOException {
      Map<String, byte[]> entries = new LinkedHashMap<>();
      entries.put("../../evil/data.pkl", stateDict("FloatStorage", new int[] {2, 2}, new int[] {2, 1}));
      entries.put("../../evil/data/0", floats(1, 2, 3, 4));
      Map<String, Tensor> state = TorchStateDict.read(zip(entries), "zip-slip.pth");
      assertThat(state.get("w").data()).containsExactly(1, 2, 3, 4);
      assertThat(Path.of("../../evil")).doesNotExist();
      assertThat(Path.of("evil")).doesNotExist();
    }

    @Test
    @DisplayName("defends against a tensor whose storage record is missing from the zip: refused as damaged, not read as zeros")
    void missingStoragesAreRefused() {
      byte[] file = zip("archive/data.pkl", stateDict("FloatStorage", new int[] {2, 2}, new int[] {2, 1}));
      assertThatThrownBy(() -> TorchStateDict.read(file, "no-storage.pth"))
          .isInstanceOf(IOException.class).hasMessageContaining("storage's data is missing");
    }

    @Test
    @DisplayName("defends against tensor views reaching past their storage: refused as damaged, nothing read out of bounds")
    void viewsPastTheirStorageAreRefused() {
      Map<String, byte[]> entries = new LinkedHashMap<>();
      entries.put("archive/data.pkl", stateDict("FloatStorage", new int[] {3, 2}, new int[] {2, 1}));
      entries.put("archive/data/0", floats(1, 2, 3, 4));
      assertThatThrownBy(() -> TorchStateDict.read(zip(entries), "past.pth"))
          .isInstanceOf(IOException.class).hasMessageContaining("reaches element 5 of a storage of 4");
    }

    @Test
    @DisplayName("defends against storages that are not floating point posing as weights: refused")
    void nonFloatStoragesAreRefused() {
      Map<String, byte[]> entries = new LinkedHashMap<>();
      entries.put("archive/data.pkl", stateDict("LongStorage", new int[] {2}, new int[] {1}));
      entries.put("archive/data/0", new byte[16]);
      assertThatThrownBy(() -> TorchStateDict.read(zip(entries), "long.pth"))
          .isInstanceOf(IOException.class).hasMessageContaining("not floating-point weights");
    }

    @Test
    @DisplayName("defends against a pickle whose root is not a dict of tensors: refused as not a state_dict")
    void nonDictRootsAreRefused() {
      byte[] pickle = new Pickle().op(0x80, 2).op(']', '.').bytes();
      assertThatThrownBy(() -> TorchStateDict.read(zip("archive/data.pkl", pickle), "list.pth"))
          .isInstanceOf(IOException.class).hasMessageContaining("not a state_dict");
    }

    @Test
    @DisplayName("defends against a zip that is not a torch.save file (no data.pkl): refused")
    void zipsWithoutAPickleAreRefused() {
      assertThatThrownBy(() -> TorchStateDict.read(zip("archive/readme.txt", "hello".getBytes(UTF_8)), "foreign.pth"))
          .isInstanceOf(IOException.class).hasMessageContaining("has no data.pkl");
    }

    @Test
    @DisplayName("defends against a damaged zip (a zip signature, then garbage): refused as a damaged zip")
    void damagedZipsAreRefused() {
      byte[] file = new byte[300];
      Arrays.fill(file, (byte) 0x5a);
      System.arraycopy(new byte[] {'P', 'K', 3, 4}, 0, file, 0, 4);
      assertThatThrownBy(() -> TorchStateDict.read(file, "damaged.pth"))
          .isInstanceOf(IOException.class).hasMessageContaining("is a damaged zip");
    }

    @Test
    @DisplayName("defends against a tar posing as a PyTorch <= 0.1.11 file without its members: refused")
    void tarsWithoutTheTarFormatsMembersAreRefused() throws IOException {
      byte[] file = tarOf(t -> file(t, "pickle", new Pickle().op(0x80, 2).op('}', '.').bytes()));
      assertThatThrownBy(() -> TorchStateDict.read(file, "old.pth"))
          .isInstanceOf(IOException.class).hasMessageContaining("is a tar without 'storages'");
    }

    @Test
    @DisplayName("defends against a pickle stream posing as the legacy format without its magic number: refused")
    void legacyStreamsWithoutTheMagicNumberAreRefused() {
      byte[] file = new Pickle().op(0x80, 2, 'K', 5, '.').bytes();
      assertThatThrownBy(() -> TorchStateDict.read(file, "legacy.pth"))
          .isInstanceOf(IOException.class).hasMessageContaining("no magic number");
    }

    @Test
    @DisplayName("defends against pickle length fields claiming more bytes than the file holds (an 8-byte file asking for 2 GiB) or negative ones: refused as damaged before anything is allocated")
    void pickleLengthsPastTheEndAreRefused() {
      for (int opcode : new int[] {'B', 'X', 'T'}) {
        for (int length : new int[] {Integer.MAX_VALUE, -1, 2}) {
          byte[] file = new Pickle().op(0x80, 2, opcode).raw(new String(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN)
              .putInt(length).array(), ISO_8859_1)).op('.').bytes();
          assertThatThrownBy(() -> TorchStateDict.read(file, "huge.pth")).isInstanceOf(IOException.class)
              .hasMessageContaining("claims " + length + " bytes at byte 7 where 1 remain")
              .hasMessageContaining("the weights file is damaged");
        }
      }
      byte[] inZip = new Pickle().op(0x80, 2, 'C', 200).op('.').bytes(); // SHORT_BINBYTES of 200 in a zip's data.pkl
      assertThatThrownBy(() -> TorchStateDict.read(zip("archive/data.pkl", inZip), "short.pth"))
          .isInstanceOf(IOException.class).hasMessageContaining("claims 200 bytes").hasMessageContaining("damaged");
    }

    @Test
    @DisplayName("defends against a legacy file's storage claiming more elements than follow it: refused as damaged, nothing allocated")
    void legacyStorageCountsPastTheEndAreRefused() {
      for (long count : new long[] {1L << 40, Long.MAX_VALUE, -4}) {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(new Pickle().op(0x80, 2, 0x8a, 10, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19, '.')
            .bytes()); // the magic number 0x1950a86a20f9469cfc6c
        file.writeBytes(new Pickle().op(0x80, 2, 'M', 0xe9, 0x03, '.').bytes()); // protocol 1001
        file.writeBytes(new Pickle().op(0x80, 2, '}', '.').bytes()); // sys_info
        file.writeBytes(stateDict("FloatStorage", new int[] {2}, new int[] {1}));
        file.writeBytes(new Pickle().op(0x80, 2, ']').str("0").op('a', '.').bytes()); // the storage keys
        file.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(count).array());
        file.writeBytes(floats(1, 2));
        assertThatThrownBy(() -> TorchStateDict.read(file.toByteArray(), "legacy.pth")).isInstanceOf(IOException.class)
            .hasMessageContaining("legacy.pth: storage 0 claims").hasMessageContaining("the weights file is damaged");
      }
    }

    @Test
    @DisplayName("defends against tensor views with negative sizes or strides, or sizes whose product overflows: refused as damaged, no huge array filled")
    void impossibleViewsAreRefused() {
      int[][][] views = {{{-2, 2}, {2, 1}}, {{2, 2}, {-2, 1}}, {{65536, 65536, 65536}, {0, 0, 0}}, {{2, 2}, {2}}};
      for (int[][] view : views) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("archive/data.pkl", stateDict("FloatStorage", view[0], view[1]));
        entries.put("archive/data/0", floats(1, 2, 3, 4));
        assertThatThrownBy(() -> TorchStateDict.read(zip(entries), "view.pth")).isInstanceOf(IOException.class)
            .hasMessageContaining("has an impossible shape " + Arrays.toString(view[0])).hasMessageContaining("damaged");
      }
    }

    /** {@code OrderedDict(w=_rebuild_tensor_v2(storage 0 of this type, 0, shape, stride, False, OrderedDict()))}. */
    private byte[] stateDict(String storageType, int[] shape, int[] stride) {
      Pickle p = new Pickle().op(0x80, 2).global("collections", "OrderedDict").op(')', 'R');
      p.str("w").global("torch._utils", "_rebuild_tensor_v2").op('(');
      p.op('(').str("storage").global("torch", storageType).str("0").str("cpu").integer(4).op('t', 'Q');
      p.integer(0);
      p.op('(');
      Arrays.stream(shape).forEach(p::integer);
      p.op('t', '(');
      Arrays.stream(stride).forEach(p::integer);
      p.op('t', 0x89).global("collections", "OrderedDict").op(')', 'R');
      return p.op('t', 'R', 's', '.').bytes();
    }

    private byte[] floats(float... values) {
      ByteBuffer bytes = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
      bytes.asFloatBuffer().put(values);
      return bytes.array();
    }

    private byte[] zip(String name, byte[] content) {
      return zip(Map.of(name, content));
    }

    private byte[] zip(Map<String, byte[]> entries) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
          zip.putNextEntry(new ZipEntry(e.getKey()));
          zip.write(e.getValue());
          zip.closeEntry();
        }
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      return bytes.toByteArray();
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Locations, manifests and records
  // ---------------------------------------------------------------------------------------------------------------

  @Nested
  @DisplayName("locations, manifests and records (StorageUri, ManifestJson, TfRecordReader)")
  class Contract {
    @Test
    @DisplayName("defends against S3 bucket names with '..': refused when the location is parsed")
    void bucketNamesWithDotDotAreRefused() {
      assertThatThrownBy(() -> StorageUri.parse("s3://a..b/imagenet")).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("invalid S3 bucket name 'a..b'");
    }

    @Test
    @DisplayName("defends against '..' and '.' segments in S3 keys (s3://bkt/ds/../other/secret reading another key): refused when the location is parsed; local paths are still normalised")
    void dotSegmentsInS3KeysAreRefused() {
      for (String uri : List.of("s3://bkt/ds/../other/secret", "s3://bkt/..", "s3://bkt/ds/./x", "s3://bkt/ds/..")) {
        assertThatThrownBy(() -> StorageUri.parse(uri)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("S3 location '" + uri + "' has a '.' or '..' segment");
      }
      assertThat(StorageUri.parse("s3://bkt/ds..v2/x").key()).isEqualTo("ds..v2/x");
      assertThat(StorageUri.parse("../data").text()).isEqualTo(Path.of("../data").toAbsolutePath().normalize().toString());
    }

    @Test
    @DisplayName("defends against child names that leave their parent ('..', '.', a leading '/', a scheme): refused when the location is built")
    void childNamesOutsideTheirParentAreRefused() {
      for (String base : List.of("s3://bkt/ds", "/data/ds")) {
        for (String child : List.of("../other/secret", "train/../../x", "./manifest.json", "/etc/passwd",
            "s3://other/secret", "file:/etc/passwd")) {
          assertThatThrownBy(() -> StorageUri.parse(base).resolve(child)).isInstanceOf(IllegalArgumentException.class)
              .hasMessageContaining("'" + child + "' is not a name inside " + base);
        }
      }
      assertThat(StorageUri.parse("s3://bkt/ds").resolve("train/train-00000-of-00001")).isEqualTo("s3://bkt/ds/train/train-00000-of-00001");
    }

    @Test
    @DisplayName("defends against manifest shard and mean paths reaching outside the dataset (../victim, /abs, s3://): refused when the manifest is read, the other dataset never opened")
    void manifestPathsOutsideTheDatasetAreRefused(@TempDir Path dir) throws IOException {
      write(dir.resolve("victim/train-00000-of-00001"), new byte[100]);
      for (String path : List.of("../victim/train-00000-of-00001", dir.resolve("victim/train-00000-of-00001").toString(),
          "s3://other/train-00000-of-00001", "train/../../victim/train-00000-of-00001", "./train-00000-of-00001")) {
        write(dir.resolve("ds/manifest.json"), manifestJson(path, "mean.npy"));
        assertThatThrownBy(() -> Dataset.open(dir.resolve("ds").toString())).isInstanceOf(IOException.class)
            .hasMessageContaining("is a malformed manifest: shard path '" + path + "' is not a name inside the dataset");
        byte[] json = manifestJson("train-00000-of-00001", path);
        assertThatThrownBy(() -> ManifestJson.read(json, "ds/manifest.json")).isInstanceOf(IOException.class)
            .hasMessageContaining("ds/manifest.json is a malformed manifest: mean file '" + path + "' is not a name inside");
      }
      assertThat(ManifestJson.read(manifestJson("train/train-00000-of-00001", "mean.npy"), "ds/manifest.json")
          .splits().get("train").shards()).extracting(Manifest.Shard::path).containsExactly("train/train-00000-of-00001");
    }

    /** A minimal schema-2 manifest with one train shard and a mean file at these paths. */
    private byte[] manifestJson(String shardPath, String meanFile) {
      return String.format("{\"schema_version\": 2, \"id\": \"ds\", \"settings\": {}, \"inputs\": {}, "
          + "\"quarantine\": [], \"classes\": [], \"splits\": {\"train\": {\"images\": 1, \"shards\": "
          + "[{\"path\": \"%s\", \"records\": 1, \"bytes\": 100, \"sha256\": \"ab\"}]}}, "
          + "\"mean\": {\"file\": \"%s\", \"images\": 1}}", shardPath, meanFile).getBytes(UTF_8);
    }

    @Test
    @DisplayName("defends against CR/LF, spaces and NUL in S3 bucket names (request splitting): refused when the location is parsed")
    void oddCharactersInBucketNamesAreRefused() {
      for (String uri : List.of("s3://bucket\r\nHost: evil.example/x", "s3://buck et/x", "s3://bucket\u0000/x")) {
        assertThatThrownBy(() -> StorageUri.parse(uri)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("invalid S3 bucket name");
      }
    }

    @Test
    @DisplayName("defends against deeply nested JSON posing as a manifest (stack exhaustion): refused as not valid JSON")
    void deeplyNestedManifestsAreRefused() {
      byte[] deep = ("{\"schema_version\": 2, \"splits\": " + "[".repeat(100_000) + "]".repeat(100_000) + "}").getBytes(UTF_8);
      assertThatThrownBy(() -> ManifestJson.read(deep, "deep/manifest.json")).isInstanceOf(IOException.class)
          .hasMessageContaining("not valid JSON").hasMessageContaining("nesting depth");
    }

    @Test
    @DisplayName("defends against manifests whose fields have the wrong types: refused as a malformed manifest")
    void wronglyTypedManifestsAreRefused() {
      byte[] json = "{\"schema_version\": 2, \"splits\": \"oops\"}".getBytes(UTF_8);
      assertThatThrownBy(() -> ManifestJson.read(json, "typed/manifest.json")).isInstanceOf(IOException.class)
          .hasMessageContaining("is a malformed manifest");
    }

    @Test
    @DisplayName("defends against a shard record claiming a terabyte behind a valid length checksum: refused before allocating")
    void recordLengthsOutOfRangeAreRefused() throws IOException {
      byte[] header = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putLong(1L << 40).array();
      ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).putInt(8, maskedCrc32c(header, 8));
      try (TfRecordReader reader = new TfRecordReader(new ByteArrayInputStream(header), "hostile.tfrecord")) {
        assertThatThrownBy(reader::next).isInstanceOf(CorruptRecordException.class).hasMessageContaining("out of range");
      }
    }

    /** TFRecord's masked CRC32C. */
    private int maskedCrc32c(byte[] data, int length) {
      CRC32C crc = new CRC32C();
      crc.update(data, 0, length);
      int value = (int) crc.getValue();
      return ((value >>> 15) | (value << 17)) + 0xa282ead8;
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Builders
  // ---------------------------------------------------------------------------------------------------------------

  /** What a test adds to a tar. */
  interface TarContent {
    void addTo(TarArchiveOutputStream tar) throws IOException;
  }

  static byte[] tarOf(TarContent content) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
      content.addTo(tar);
    }
    return bytes.toByteArray();
  }


  /** A ustar header block with its size in GNU base-256, so that it may claim any size. */
  static byte[] rawHeader(String name, char type, long size) {
    byte[] block = new byte[512];
    byte[] n = name.getBytes(UTF_8);
    System.arraycopy(n, 0, block, 0, n.length);
    System.arraycopy("0000644\0".getBytes(ISO_8859_1), 0, block, 100, 8);
    block[124] = (byte) 0x80;
    for (int i = 0; i < 8; i++) {
      block[135 - i] = (byte) (size >>> (8 * i));
    }
    block[156] = (byte) type;
    System.arraycopy("ustar\00000".getBytes(ISO_8859_1), 0, block, 257, 8);
    long sum = 0;
    for (int i = 0; i < 512; i++) {
      sum += (i >= 148 && i < 156) ? ' ' : (block[i] & 0xff);
    }
    System.arraycopy(String.format("%06o\0 ", sum).getBytes(ISO_8859_1), 0, block, 148, 8);
    return block;
  }

  static List<TarEntry> scan(byte[] archive, int window) throws IOException {
    return scan(archive, 0, archive.length, window);
  }

  static List<TarEntry> scan(byte[] archive, long start, long end, int window) throws IOException {
    try (SeekableByteChannel channel = new SeekableInMemoryByteChannel(archive)) {
      return new TarScanner(channel, "test.tar", window).scan(start, end);
    }
  }

  /** A frame header for 64x64 pixels and an end-of-image marker, no image data: passes the header check only. */
  static byte[] headerOnlyJpeg() {
    return new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xC0, 0, 17, 8, 0, 64, 0, 64, 3, 1, 0x22, 0, 2,
        0x11, 0, 3, 0x11, 0, (byte) 0xFF, (byte) 0xD9};
  }

  /** A good 128x128 baseline JPEG. */
  static byte[] hopper() throws IOException {
    return resource("pillow-src__hopper.jpg");
  }

  static byte[] resource(String name) throws IOException {
    try (InputStream in = HostileInputTest.class.getResourceAsStream("/hostile/" + name)) {
      return in.readAllBytes();
    }
  }

  static byte[] png(BufferedImage image) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ImageIO.write(image, "png", bytes);
    return bytes.toByteArray();
  }

  static void write(Path file, byte[] content) throws IOException {
    Files.createDirectories(file.getParent());
    Files.write(file, content);
  }

  /** Pickle bytes, opcode by opcode. */
  static final class Pickle {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Pickle op(int... codes) {
      for (int c : codes) {
        out.write(c);
      }
      return this;
    }

    Pickle raw(String text) {
      out.writeBytes(text.getBytes(ISO_8859_1));
      return this;
    }

    /** GLOBAL: {@code c<module>\n<name>\n}. */
    Pickle global(String module, String name) {
      return op('c').raw(module + "\n" + name + "\n");
    }

    /** BINUNICODE. */
    Pickle str(String text) {
      byte[] b = text.getBytes(UTF_8);
      out.write('X');
      out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(b.length).array());
      out.writeBytes(b);
      return this;
    }

    /** BININT. */
    Pickle integer(int value) {
      out.write('J');
      out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array());
      return this;
    }

    byte[] bytes() {
      return out.toByteArray();
    }
  }
}
