package org.stellaops.jobs.cli;

/** Something the user named (an image, a path) does not exist. */
final class NotFoundException extends Exception {
  NotFoundException(String message) {
    super(message);
  }
}
