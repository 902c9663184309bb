package org.alexnet.trainer.loop;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.alexnet.storage.Storage;
import org.alexnet.storage.StorageUri;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The run's numbers, where people look for them: {@code metrics.jsonl} (one JSON object per logged
 * step and per epoch) and {@code curves.png} (training loss by step, validation top-1/top-5 error by
 * epoch), both rewritten atomically beside the checkpoints at every epoch, so they work on S3 too.
 */
public final class MetricsLog {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final StorageUri folder;
  private final List<Map<String, Object>> rows = new ArrayList<>();
  private final List<Double> steps = new ArrayList<>();
  private final List<Double> losses = new ArrayList<>();
  private final List<Double> epochs = new ArrayList<>();
  private final List<Double> top1Errors = new ArrayList<>();
  private final List<Double> top5Errors = new ArrayList<>();

  public MetricsLog(String folder) {
    this.folder = StorageUri.parse(folder);
  }

  /**
   * Continues a resumed run's log: keeps what was recorded up to the checkpoint's step and drops
   * what came after it, since those steps will be trained again.
   */
  @SuppressWarnings("unchecked")
  public void resumeAt(long step) throws IOException {
    String uri = folder.resolve("metrics.jsonl");
    if (!Storage.exists(uri)) {
      return;
    }
    for (String line : new String(Storage.readAll(uri), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      Map<String, Object> row = JSON.readValue(line, LinkedHashMap.class);
      if (((Number) row.get("step")).longValue() > step) {
        continue;
      }
      rows.add(row);
      if ("step".equals(row.get("type"))) {
        steps.add(((Number) row.get("step")).doubleValue());
        losses.add(((Number) row.get("loss")).doubleValue());
      } else {
        epochs.add(((Number) row.get("epoch")).doubleValue() + 1);
        top1Errors.add(100 - ((Number) row.get("val_acc1")).doubleValue());
        top5Errors.add(100 - ((Number) row.get("val_acc5")).doubleValue());
      }
    }
  }

  public void step(int epoch, long step, double loss, double lr, double imagesPerSecond) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("type", "step");
    row.put("epoch", epoch);
    row.put("step", step);
    row.put("loss", loss);
    row.put("lr", lr);
    row.put("images_per_s", imagesPerSecond);
    rows.add(row);
    steps.add((double) step);
    losses.add(loss);
  }

  public void epoch(int epoch, long step, double trainLoss, EvalResult validation) throws IOException {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("type", "epoch");
    row.put("epoch", epoch);
    row.put("step", step);
    row.put("train_loss", trainLoss);
    row.put("val_images", validation.images());
    row.put("val_acc1", validation.acc1());
    row.put("val_acc5", validation.acc5());
    row.put("val_loss", validation.loss());
    rows.add(row);
    epochs.add((double) epoch + 1);
    top1Errors.add(100 - validation.acc1());
    top5Errors.add(100 - validation.acc5());
  }

  /** Rewrites metrics.jsonl and curves.png with everything so far. */
  public void write() throws IOException {
    StringBuilder lines = new StringBuilder();
    for (Map<String, Object> row : rows) {
      lines.append(JSON.writeValueAsString(row)).append('\n');
    }
    Storage.writeAtomically(folder.resolve("metrics.jsonl"), lines.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    Storage.writeAtomically(folder.resolve("curves.png"), plot());
  }

  private byte[] plot() throws IOException {
    XYChart loss = new XYChartBuilder().width(640).height(360).title("Training loss").xAxisTitle("step")
        .yAxisTitle("cross-entropy").build();
    loss.getStyler().setLegendVisible(false);
    if (!steps.isEmpty()) {
      loss.addSeries("loss", steps, losses).setMarker(SeriesMarkers.NONE);
    }
    XYChart error = new XYChartBuilder().width(640).height(360).title("Validation error").xAxisTitle("epoch")
        .yAxisTitle("error (%)").build();
    if (!epochs.isEmpty()) {
      error.addSeries("top-1", epochs, top1Errors);
      error.addSeries("top-5", epochs, top5Errors);
    }
    java.awt.image.BufferedImage both = new java.awt.image.BufferedImage(640, 720, java.awt.image.BufferedImage.TYPE_INT_RGB);
    java.awt.Graphics2D g = both.createGraphics();
    g.drawImage(BitmapEncoder.getBufferedImage(loss), 0, 0, null);
    g.drawImage(BitmapEncoder.getBufferedImage(error), 0, 360, null);
    g.dispose();
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    javax.imageio.ImageIO.write(both, "png", png);
    return png.toByteArray();
  }
}
