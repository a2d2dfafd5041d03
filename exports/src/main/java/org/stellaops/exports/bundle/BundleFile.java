package org.stellaops.exports.bundle;

/** A file of a bundle as its manifest lists it: path relative to the bundle root, size, digest, records (0 when not records). */
public record BundleFile(String path, long bytes, String sha256, long records) {}
