package org.stellaops.jobs.cli;

import java.util.List;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Checks image digests given on the command line against the OCI digest forms (sha256, sha512). */
final class ImageDigests {
  /** The OCI image-spec's registered algorithms: sha256 (64 lower-case hex digits) and sha512 (128). */
  private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}|sha512:[0-9a-f]{128}");

  private ImageDigests() {}

  /** Throws a usage error (exit 2) naming {@code option} and the first malformed digest. */
  static void requireWellFormed(CommandSpec spec, String option, List<String> digests) {
    for (String digest : digests) {
      if (!DIGEST.matcher(digest).matches()) {
        throw new ParameterException(spec.commandLine(), option + " must be an image digest such as sha256: followed by"
            + " 64 lower-case hex digits, got '" + digest + "'");
      }
    }
  }
}
