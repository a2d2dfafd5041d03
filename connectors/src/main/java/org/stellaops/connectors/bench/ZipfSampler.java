package org.stellaops.connectors.bench;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Draws ranks {@code 0..size-1} with probability proportional to {@code 1 / (rank + 1)^exponent}. */
final class ZipfSampler {
  private final double[] cumulative;

  ZipfSampler(int size, double exponent) {
    if (size <= 0) {
      throw new IllegalArgumentException("size must be positive: " + size);
    }
    cumulative = new double[size];
    double sum = 0;
    for (int rank = 0; rank < size; rank++) {
      sum += 1.0 / StrictMath.pow(rank + 1, exponent);
      cumulative[rank] = sum;
    }
  }

  int sample(SplittableRandom random) {
    double target = random.nextDouble() * cumulative[cumulative.length - 1];
    int index = Arrays.binarySearch(cumulative, target);
    int rank = index >= 0 ? index + 1 : -index - 1;
    return Math.min(rank, cumulative.length - 1);
  }
}
