package org.stellaops.jobs.reevaluate;

import java.util.Set;
import org.springframework.batch.item.ItemProcessor;
import org.stellaops.engine.verdict.VerdictEvaluator;
import org.stellaops.engine.verdict.VerdictEvaluator.Evaluation;
import org.stellaops.jobs.store.SbomStore;
import org.stellaops.jobs.store.SbomStore.ImageSbom;

/** Evaluates one image; an image that already has a verdict for the same inputs is skipped. */
class ImageEvaluationProcessor implements ItemProcessor<ImageSbom, Evaluation> {
  private final SbomStore sboms;
  private final VerdictEvaluator evaluator;
  private final Set<String> alreadyEvaluated;

  ImageEvaluationProcessor(SbomStore sboms, VerdictEvaluator evaluator, Set<String> alreadyEvaluated) {
    this.sboms = sboms;
    this.evaluator = evaluator;
    this.alreadyEvaluated = alreadyEvaluated;
  }

  @Override
  public Evaluation process(ImageSbom image) {
    String sbomDigest = "sha256:" + image.sbomSha256();
    if (alreadyEvaluated.contains(image.imageDigest() + "|" + sbomDigest)) {
      return null;
    }
    return evaluator.evaluate(image.imageDigest(), sbomDigest, sboms.componentRefs(image.sbomSha256()));
  }
}
