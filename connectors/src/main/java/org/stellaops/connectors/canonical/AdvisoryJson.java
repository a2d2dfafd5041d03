package org.stellaops.connectors.canonical;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import org.erdtman.jcs.JsonCanonicalizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.stellaops.schemas.advisory.Advisory;

/**
 * The stored form of a normalised {@link Advisory}: RFC 8785 canonical JSON, so equal advisories
 * have byte-equal text and the same content hash.
 */
public final class AdvisoryJson {
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .registerModule(new Jdk8Module())
      .addMixIn(Advisory.class, Omitted.class)
      .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  /**
   * References and CWE ids are left out when empty, so an advisory without them has the same text
   * (and content hash) as before they were kept.
   */
  private abstract static class Omitted {
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
    abstract java.util.List<String> references();

    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
    abstract java.util.List<String> cweIds();
  }

  private AdvisoryJson() {}

  /** Canonical JSON text of {@code advisory}. */
  public static String write(Advisory advisory) {
    try {
      return new JsonCanonicalizer(MAPPER.writeValueAsString(advisory)).getEncodedString();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write advisory " + advisory.id() + " as JSON", e);
    }
  }

  /** Reads text written by {@link #write} (key order does not matter, so jsonb round trips work). */
  public static Advisory read(String json) {
    try {
      return MAPPER.readValue(json, Advisory.class);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("stored advisory is not valid: " + e.getOriginalMessage(), e);
    }
  }
}
