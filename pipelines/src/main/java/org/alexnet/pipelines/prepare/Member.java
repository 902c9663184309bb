package org.alexnet.pipelines.prepare;

import java.io.Serializable;

/**
 * An input image found by the scan: where its bytes are and what it is labelled, before it is read.
 *
 * @param file its name as reported (archive path / member name, or the file path)
 * @param name its base name, the record's image/filename
 */
public record Member(String split, String file, String name, String uri, long offset, long size, int label,
    String wnid, String text) implements Serializable {}
