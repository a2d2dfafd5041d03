package org.stellaops.jobs.reevaluate;

import java.util.List;
import java.util.Map;
import org.stellaops.engine.match.ComponentRef;
import org.springframework.batch.item.ItemProcessor;
import org.stellaops.engine.verdict.VerdictEvaluator;
import org.stellaops.engine.verdict.VerdictEvaluator.Evaluation;
import org.stellaops.connectors.store.SbomStore;
import org.stellaops.connectors.store.SbomStore.ImageSbom;

/**
 * Evaluates one image. An image whose newest verdict has the same SBOM and the same advisories
 * digest (the advisory entries its components are evaluated against; cheap to compute, no version
 * comparison) is skipped: its verdict is provably unchanged, and nothing is written.
 */
class ImageEvaluationProcessor implements ItemProcessor<ImageSbom, Evaluation> {
  private final SbomStore sboms;
  private final VerdictEvaluator evaluator;
  private final Map<String, String> currentAdvisoryDigests;
  private final ReevaluationWorkers pacing;

  ImageEvaluationProcessor(SbomStore sboms, VerdictEvaluator evaluator, Map<String, String> currentAdvisoryDigests,
      ReevaluationWorkers pacing) {
    this.sboms = sboms;
    this.evaluator = evaluator;
    this.currentAdvisoryDigests = currentAdvisoryDigests;
    this.pacing = pacing;
  }

  @Override
  public Evaluation process(ImageSbom image) throws InterruptedException {
    pacing.pace();
    String sbomDigest = "sha256:" + image.sbomSha256();
    List<ComponentRef> components = sboms.componentRefs(image.sbomSha256());
    String current = currentAdvisoryDigests.get(image.imageDigest() + "|" + sbomDigest);
    if (current != null && current.equals(evaluator.advisoriesDigest(components))) {
      return null;
    }
    return evaluator.evaluate(image.imageDigest(), sbomDigest, components);
  }
}
