package org.stellaops.engine.verdict;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A verdict's canonical (RFC 8785) text in parts, so that the findings of a component, which many
 * images share, can be stored once: the {@code frame} is the whole body with an empty findings
 * array, {@code findingsAt} the position inside its brackets, and {@code groups} the findings of
 * each component in canonical order. Joining the groups' texts with commas at {@code findingsAt}
 * gives the canonical body, byte for byte; the verdict digest is taken over that body.
 */
public record CanonicalVerdict(String frame, int findingsAt, List<FindingGroup> groups) {
  public CanonicalVerdict {
    Objects.requireNonNull(frame, "frame is null");
    if (findingsAt < 0 || findingsAt > frame.length()) {
      throw new IllegalArgumentException("findingsAt " + findingsAt + " is outside the frame");
    }
    groups = List.copyOf(groups);
  }

  /** The canonical body. */
  public String text() {
    int size = frame.length();
    for (FindingGroup group : groups) {
      size += group.template().length() + 80;
    }
    StringBuilder out = new StringBuilder(size);
    out.append(frame, 0, findingsAt);
    for (int i = 0; i < groups.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      groups.get(i).appendText(out);
    }
    return out.append(frame, findingsAt, frame.length()).toString();
  }

  /** {@code sha256:} and the hex SHA-256 of the UTF-8 bytes of {@link #text()}, without building it. */
  public String digest() {
    MessageDigest sha256 = Digests.sha256();
    sha256.update(frame.substring(0, findingsAt).getBytes(StandardCharsets.UTF_8));
    StringBuilder piece = new StringBuilder();
    for (int i = 0; i < groups.size(); i++) {
      piece.setLength(0);
      if (i > 0) {
        piece.append(',');
      }
      groups.get(i).appendText(piece);
      sha256.update(piece.toString().getBytes(StandardCharsets.UTF_8));
    }
    sha256.update(frame.substring(findingsAt).getBytes(StandardCharsets.UTF_8));
    return "sha256:" + HexFormat.of().formatHex(sha256.digest());
  }

  /**
   * The findings of one component: their canonical texts joined with commas. When every finding
   * names the same layer, the template holds {@link #LAYER} where the quoted layer goes and
   * {@code layer} names it, so images that hold the component in different layers share the
   * template; otherwise the template is the literal text and {@code layer} is empty.
   */
  public record FindingGroup(String template, Optional<String> layer, int findings) {
    /** Stands for the quoted layer in a template; canonical JSON never writes this character raw. */
    public static final char LAYER = '\u0001';

    public FindingGroup {
      Objects.requireNonNull(template, "template is null");
      Objects.requireNonNull(layer, "layer is null");
      if (findings < 1) {
        throw new IllegalArgumentException("a group holds at least one finding");
      }
    }

    /** The layer as canonical JSON text (quoted and escaped), as it replaces {@link #LAYER}. */
    public Optional<String> quotedLayer() {
      return layer.map(CanonicalJson::quoted);
    }

    void appendText(StringBuilder out) {
      if (layer.isEmpty()) {
        out.append(template);
        return;
      }
      String quoted = quotedLayer().orElseThrow();
      int from = 0;
      for (int at = template.indexOf(LAYER); at >= 0; at = template.indexOf(LAYER, from)) {
        out.append(template, from, at).append(quoted);
        from = at + 1;
      }
      out.append(template, from, template.length());
    }

    /** The SHA-256 of the template's UTF-8 bytes, lower-case hex: the group's identity in storage. */
    public String templateDigest() {
      return Digests.sha256Hex(template);
    }
  }
}
