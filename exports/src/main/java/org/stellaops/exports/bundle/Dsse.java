package org.stellaops.exports.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.Base64;

/**
 * DSSE envelopes (Dead Simple Signing Envelope, v1): the payload and its type, signed over the
 * pre-authentication encoding {@code "DSSEv1" SP len(type) SP type SP len(payload) SP payload}
 * (lengths in ASCII decimal), so neither can be swapped without breaking the signature.
 */
public final class Dsse {
  public static final String IN_TOTO = "application/vnd.in-toto+json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private Dsse() {}

  /** The pre-authentication encoding the signature covers. */
  static byte[] pae(String payloadType, byte[] payload) {
    byte[] type = payloadType.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + type.length + 32);
    out.writeBytes(("DSSEv1 " + type.length + " ").getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(type);
    out.writeBytes((" " + payload.length + " ").getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(payload);
    return out.toByteArray();
  }

  /** The envelope JSON for {@code payload}, signed by {@code signer}. */
  public static byte[] envelope(String payloadType, byte[] payload, ExportSigner signer) {
    ObjectNode envelope = JSON.createObjectNode();
    envelope.put("payloadType", payloadType);
    envelope.put("payload", Base64.getEncoder().encodeToString(payload));
    ObjectNode signature = envelope.putArray("signatures").addObject();
    signature.put("keyid", signer.keyId());
    signature.put("sig", Base64.getEncoder().encodeToString(signer.sign(pae(payloadType, payload))));
    try {
      return JSON.writeValueAsBytes(envelope);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An envelope read back: its payload, and whether {@code key} signed it. */
  public record Opened(String payloadType, byte[] payload, boolean signedByKey) {}

  public static Opened open(byte[] envelopeJson, PublicKey key) throws IOException {
    JsonNode envelope = JSON.readTree(envelopeJson);
    String type = envelope.path("payloadType").asText("");
    byte[] payload;
    try {
      payload = Base64.getDecoder().decode(envelope.path("payload").asText(""));
    } catch (IllegalArgumentException e) {
      throw new IOException("the envelope's payload is not base64");
    }
    String keyId = ExportKeys.keyId(key);
    boolean signed = false;
    for (JsonNode signature : envelope.path("signatures")) {
      if (!signature.path("keyid").asText("").equals(keyId)) {
        continue;
      }
      try {
        signed |= ExportKeys.verify(key, pae(type, payload), Base64.getDecoder().decode(signature.path("sig").asText("")));
      } catch (IllegalArgumentException e) {
        // not base64: not a valid signature
      }
    }
    return new Opened(type, payload, signed);
  }
}
