package org.stellaops.engine.verdict;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.erdtman.jcs.NumberToJSON;

/**
 * RFC 8785 (JSON Canonicalization Scheme) text of a Jackson tree, written in one walk.
 *
 * <p>The JCS library only canonicalises JSON text: it parses what it is given and writes it
 * again, so canonicalising a tree meant writing it, parsing it and writing it once more. A
 * verdict of a large image carries a thousand findings and that round trip was half of its
 * evaluation time, so the tree is written here directly by the same rules: object members
 * sorted by their names' UTF-16 code units, strings with only the quote, the backslash and control
 * characters escaped (the short escapes where JSON has them, else a six-character escape with
 * lower-case hex digits),
 * and every number in ECMAScript form by the library's own {@link NumberToJSON}. Numbers go
 * through {@code double}, as in the library. {@code CanonicalJsonTest} checks the output equals
 * the library's on generated trees.
 */
public final class CanonicalJson {
  private CanonicalJson() {}

  /** The canonical text of {@code node}. */
  public static String of(JsonNode node) {
    StringBuilder out = new StringBuilder(1024);
    write(node, out);
    return out.toString();
  }

  private static void write(JsonNode node, StringBuilder out) {
    switch (node.getNodeType()) {
      case OBJECT -> {
        List<String> names = new ArrayList<>(node.size());
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
          names.add(it.next());
        }
        names.sort(null);
        out.append('{');
        for (int i = 0; i < names.size(); i++) {
          if (i > 0) {
            out.append(',');
          }
          string(names.get(i), out);
          out.append(':');
          write(node.get(names.get(i)), out);
        }
        out.append('}');
      }
      case ARRAY -> {
        out.append('[');
        for (int i = 0; i < node.size(); i++) {
          if (i > 0) {
            out.append(',');
          }
          write(node.get(i), out);
        }
        out.append(']');
      }
      case STRING -> string(node.textValue(), out);
      case NUMBER -> out.append(number(node.doubleValue()));
      case BOOLEAN -> out.append(node.booleanValue() ? "true" : "false");
      case NULL -> out.append("null");
      default -> throw new IllegalArgumentException("not JSON data: " + node.getNodeType());
    }
  }

  /** Appends {@code value} as a canonical JSON string (quoted, escaped as RFC 8785 says). */
  static void appendString(String value, StringBuilder out) {
    string(value, out);
  }

  /** {@code value} as a canonical JSON string: quoted, escaped as RFC 8785 says. */
  public static String quoted(String value) {
    StringBuilder out = new StringBuilder(value.length() + 2);
    string(value, out);
    return out.toString();
  }

  /** Appends {@code value} as a canonical JSON number (ECMAScript form, through {@code double}). */
  static void appendNumber(double value, StringBuilder out) {
    out.append(number(value));
  }

  private static String number(double value) {
    try {
      return NumberToJSON.serializeNumber(value);
    } catch (IOException e) {
      throw new UncheckedIOException("number " + value + " has no JSON form", e);
    }
  }

  private static void string(String value, StringBuilder out) {
    out.append('"');
    if (!needsEscape(value)) {
      // The common case, copied in one go.
      out.append(value).append('"');
      return;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"', '\\' -> out.append('\\').append(c);
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xF, 16));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  private static boolean needsEscape(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c == '"' || c == '\\') {
        return true;
      }
    }
    return false;
  }
}
