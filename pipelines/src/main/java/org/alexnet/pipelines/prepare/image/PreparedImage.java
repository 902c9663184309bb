package org.alexnet.pipelines.prepare.image;

/** Decoded, resized pixels: interleaved 8-bit RGB, row-major. */
public record PreparedImage(byte[] rgb, int width, int height) {}
