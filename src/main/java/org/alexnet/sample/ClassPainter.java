package org.alexnet.sample;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.SplittableRandom;

/**
 * Draws a picture whose class a CNN can learn: each class has its own shape, hue and texture, drawn
 * at a random position, scale and rotation over a random cluttered background.
 */
final class ClassPainter {
  private static final int SHAPES = 6;
  private static final int TEXTURES = 3;
  private static final double GOLDEN = 0.6180339887;

  private ClassPainter() {}

  /** @param design the class's position among the sample's classes: neighbours look most different */
  static BufferedImage paint(int design, int width, int height, SplittableRandom random) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    paintBackground(g, width, height, random);
    paintObject(g, design, width, height, random);
    g.dispose();
    return image;
  }

  private static void paintBackground(Graphics2D g, int width, int height, SplittableRandom random) {
    g.setPaint(new GradientPaint(0, 0, mutedColour(random), width, height, mutedColour(random)));
    g.fillRect(0, 0, width, height);
    int clutter = 4 + random.nextInt(8);
    for (int i = 0; i < clutter; i++) {
      g.setColor(mutedColour(random));
      int w = 10 + random.nextInt(width / 3);
      int h = 10 + random.nextInt(height / 3);
      g.fillRect(random.nextInt(width), random.nextInt(height), w, h);
    }
  }

  private static void paintObject(Graphics2D g, int design, int width, int height, SplittableRandom random) {
    float hue = (float) ((design * GOLDEN) % 1.0);
    Color colour = Color.getHSBColor(hue + (float) (random.nextDouble() - 0.5) * 0.04f,
        0.65f + 0.35f * (float) random.nextDouble(), 0.6f + 0.4f * (float) random.nextDouble());
    double size = Math.min(width, height) * (0.35 + 0.4 * random.nextDouble());
    double cx = size / 2 + random.nextDouble() * Math.max(1, width - size);
    double cy = size / 2 + random.nextDouble() * Math.max(1, height - size);

    AffineTransform saved = g.getTransform();
    g.translate(cx, cy);
    g.rotate(random.nextDouble() * Math.PI * 2);
    Shape shape = shape(design % SHAPES, size);
    g.setColor(colour);
    g.fill(shape);
    g.setClip(shape);
    paintTexture(g, (design / SHAPES) % TEXTURES, size, colour.darker().darker());
    g.setClip(null);
    g.setTransform(saved);
  }

  private static Shape shape(int kind, double s) {
    double h = s / 2;
    return switch (kind) {
      case 0 -> new Ellipse2D.Double(-h, -h, s, s);
      case 1 -> new Rectangle2D.Double(-h, -h, s, s);
      case 2 -> new Polygon(new int[] {0, (int) h, (int) -h}, new int[] {(int) -h, (int) h, (int) h}, 3);
      case 3 -> new Rectangle2D.Double(-h, -s / 6, s, s / 3);
      case 4 -> new BasicStroke((float) (s / 8)).createStrokedShape(new Ellipse2D.Double(-h * 0.8, -h * 0.8, s * 0.8, s * 0.8));
      default -> cross(s);
    };
  }

  private static Shape cross(double s) {
    java.awt.geom.Area area = new java.awt.geom.Area(new Rectangle2D.Double(-s / 2, -s / 8, s, s / 4));
    area.add(new java.awt.geom.Area(new Rectangle2D.Double(-s / 8, -s / 2, s / 4, s)));
    return area;
  }

  private static void paintTexture(Graphics2D g, int texture, double size, Color ink) {
    int extent = (int) size;
    g.setColor(ink);
    switch (texture) {
      case 1 -> {
        for (int x = -extent; x < extent; x += Math.max(4, extent / 8)) {
          g.fillRect(x, -extent, Math.max(2, extent / 20), 2 * extent);
        }
      }
      case 2 -> {
        int step = Math.max(6, extent / 7);
        for (int x = -extent; x < extent; x += step) {
          for (int y = -extent; y < extent; y += step) {
            g.fillOval(x, y, step / 2, step / 2);
          }
        }
      }
      default -> { } // plain
    }
  }

  private static Color mutedColour(SplittableRandom random) {
    return Color.getHSBColor((float) random.nextDouble(), 0.1f + 0.25f * (float) random.nextDouble(),
        0.3f + 0.6f * (float) random.nextDouble());
  }
}
