package org.alexnet.storage;

/** A file or S3 object that {@link Storage#list} found: the project's own type, so callers need no Beam. */
public record StoredObject(String uri, long sizeBytes) {}
