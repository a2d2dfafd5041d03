package org.stellaops.exports.bundle;

import com.exceptionfactory.jagged.RecipientStanzaReader;
import com.exceptionfactory.jagged.RecipientStanzaWriter;
import com.exceptionfactory.jagged.framework.stream.StandardDecryptingChannelFactory;
import com.exceptionfactory.jagged.framework.stream.StandardEncryptingChannelFactory;
import com.exceptionfactory.jagged.x25519.X25519RecipientStanzaReaderFactory;
import com.exceptionfactory.jagged.x25519.X25519RecipientStanzaWriterFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;

/**
 * Encryption of a bundle's data files to age X25519 recipients (the age format,
 * age-encryption.org/v1, through the jagged library): each {@code .jsonl.zst} becomes
 * {@code .jsonl.zst.age}, readable with {@code age -d -i KEY} or by {@code stella mirror import
 * --identity KEY}. The manifest, provenance, signatures and README stay readable, so a bundle
 * verifies without the key.
 */
public final class BundleEncryption {
  public static final String SCHEME = "age-x25519";
  public static final String SUFFIX = ".age";

  private BundleEncryption() {}

  /** None of the identities given opens the file. */
  public static final class CannotDecrypt extends IOException {
    public CannotDecrypt(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** The recipients, checked: each an age X25519 recipient ({@code age1...}). */
  public static List<String> recipients(List<String> given) {
    List<String> recipients = new ArrayList<>();
    for (String r : given) {
      String trimmed = r.strip();
      try {
        X25519RecipientStanzaWriterFactory.newRecipientStanzaWriter(trimmed);
      } catch (GeneralSecurityException | RuntimeException e) {
        throw new IllegalArgumentException("'" + trimmed + "' is not an age X25519 recipient (age1...): " + e.getMessage());
      }
      recipients.add(trimmed);
    }
    if (recipients.isEmpty()) {
      throw new IllegalArgumentException("no recipient");
    }
    return List.copyOf(recipients);
  }

  /** The recipients of a file: one {@code age1...} per line; blank lines and {@code #} comments skipped. */
  public static List<String> recipientsFile(Path file) throws IOException {
    return recipients(Files.readAllLines(file).stream().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList());
  }

  /** The identities of an age key file ({@code age-keygen} writes one): its {@code AGE-SECRET-KEY-1...} lines. */
  public static List<String> identities(Path file) throws IOException {
    List<String> identities = Files.readAllLines(file).stream().map(String::strip).filter(l -> l.startsWith("AGE-SECRET-KEY-1")).toList();
    if (identities.isEmpty()) {
      throw new IOException(file + ": no age identity (a line AGE-SECRET-KEY-1...); make one with age-keygen or stella export keys generate"
          + " --algorithm age");
    }
    for (String identity : identities) {
      try {
        X25519RecipientStanzaReaderFactory.newRecipientStanzaReader(identity);
      } catch (GeneralSecurityException | RuntimeException e) {
        throw new IOException(file + ": an identity line is not a valid age X25519 secret key: " + e.getMessage());
      }
    }
    return identities;
  }

  /** Writes {@code plain} encrypted to {@code recipients} as {@code encrypted}. */
  public static void encrypt(Path plain, Path encrypted, List<String> recipients) throws IOException {
    List<RecipientStanzaWriter> writers = new ArrayList<>();
    try {
      for (String r : recipients) {
        writers.add(X25519RecipientStanzaWriterFactory.newRecipientStanzaWriter(r));
      }
      try (FileChannel out = FileChannel.open(encrypted, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
              StandardOpenOption.WRITE);
          WritableByteChannel encrypting = new StandardEncryptingChannelFactory().newEncryptingChannel(out, writers);
          InputStream in = Files.newInputStream(plain)) {
        in.transferTo(Channels.newOutputStream(encrypting));
      }
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot encrypt " + plain + ": " + e.getMessage(), e);
    }
  }

  /** A stream of {@code encrypted}'s plaintext, for one of {@code identities}. */
  public static InputStream decrypting(Path encrypted, List<String> identities) throws IOException {
    List<RecipientStanzaReader> readers = new ArrayList<>();
    FileChannel in = FileChannel.open(encrypted, StandardOpenOption.READ);
    try {
      for (String identity : identities) {
        readers.add(X25519RecipientStanzaReaderFactory.newRecipientStanzaReader(identity));
      }
      return Channels.newInputStream(new StandardDecryptingChannelFactory().newDecryptingChannel(in, readers));
    } catch (GeneralSecurityException e) {
      in.close();
      throw new CannotDecrypt(encrypted.getFileName() + ": cannot decrypt with the identities given (" + e.getMessage() + ")", e);
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }
}
