package org.stellaops.jobs.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;

/** Configuration files the commands read (schedules, rules): UTF-8 text, or a clear refusal. */
final class TextFiles {
  private TextFiles() {}

  /**
   * The text of {@code file}; empty, with the reason printed, when it is not UTF-8. A missing file
   * is {@link NotFoundException} (exit 4).
   */
  static Optional<String> readUtf8(Path file, CommandSpec spec) throws IOException, NotFoundException {
    try {
      return Optional.of(StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString());
    } catch (NoSuchFileException e) {
      throw new NotFoundException("no such file: " + file);
    } catch (CharacterCodingException e) {
      spec.commandLine().getErr().println("stella: " + file + ": not UTF-8 text");
      return Optional.empty();
    }
  }
}
