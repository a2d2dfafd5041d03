package org.stellaops.schemas.verdict;

/** The outcome of policy for one image. */
public enum Decision {
  PASS,
  FAIL
}
