package org.alexnet.dataset.record;

/** The tf.train.Example feature keys, as TensorFlow's build_imagenet_data.py names them. */
public final class FeatureKeys {
  public static final String ENCODED = "image/encoded";
  public static final String FORMAT = "image/format";
  public static final String HEIGHT = "image/height";
  public static final String WIDTH = "image/width";
  public static final String CHANNELS = "image/channels";
  public static final String COLORSPACE = "image/colorspace";
  public static final String LABEL = "image/class/label";
  public static final String SYNSET = "image/class/synset";
  public static final String TEXT = "image/class/text";
  public static final String FILENAME = "image/filename";

  private FeatureKeys() {}
}
