-- The images one re-evaluation run selected, numbered 0..n-1 in image-digest order. Written once
-- by the run's first step; its partitions (threads, or worker processes with --workers) each
-- evaluate a range of ordinals, and a resumed run evaluates the same selection it started with.
CREATE TABLE policy.reevaluation_selection (
  job_instance_id bigint NOT NULL,
  ordinal         integer NOT NULL,
  image_digest    text   NOT NULL,
  PRIMARY KEY (job_instance_id, ordinal)
);
