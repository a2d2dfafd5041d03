package org.stellaops.jobs.runtime;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;
import org.springframework.batch.core.SkipListener;
import org.springframework.batch.core.StepExecutionListener;
import org.springframework.batch.core.step.builder.FaultTolerantStepBuilder;
import org.springframework.batch.core.step.builder.SimpleStepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.retry.RetryPolicy;
import org.springframework.retry.backoff.ExponentialBackOffPolicy;
import org.springframework.retry.policy.ExceptionClassifierRetryPolicy;
import org.springframework.retry.policy.NeverRetryPolicy;
import org.springframework.retry.policy.SimpleRetryPolicy;
import org.springframework.retry.support.RetryTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one place where every chunk-oriented step decides what a failed write means.
 *
 * <ul>
 *   <li><b>Retriable</b> (connection lost, serialization failure, deadlock, lock or statement
 *       timeout, server shutting down): the chunk is rolled back and written again, with
 *       exponential backoff, up to {@link #RETRY_ATTEMPTS} times; then the step fails and the
 *       same command resumes it. Never recorded as bad input.
 *   <li><b>Refused</b> (SQLSTATE class 22 data exception, 23502 not null and 23514 check
 *       violations, class 54 program limit): the database will refuse this item on every retry. The chunk is rolled back and
 *       written again one item at a time; the items refused alone are recorded with the
 *       database's reason and skipped, the rest is stored.
 *   <li><b>Internal</b>: anything else is a bug. The step fails with the error, and nothing is
 *       recorded as bad input.
 * </ul>
 */
public final class ChunkFaults {
  /** Attempts of a chunk that fails with a retriable error, the first included. */
  public static final int RETRY_ATTEMPTS = 5;
  private static final Set<String> RETRIABLE_STATES = Set.of("40001", "40P01", "55P03", "57014", "57P01", "57P02",
      "57P03", "53300");
  private static final Set<String> REFUSED_CLASSES = Set.of("22", "54");
  /**
   * Of class 23, only the violations a document's own values cause (not null, check). A unique or
   * foreign-key violation in our writes means a bug or a race in stella, never the document's fault.
   */
  private static final Set<String> REFUSED_STATES = Set.of("23502", "23514");

  /** What a failure means for the item or chunk that caused it. */
  public enum Kind { RETRIABLE, REFUSED, INTERNAL }

  private ChunkFaults() {}

  /** Makes {@code builder}'s step fault tolerant by the rules above; {@code refusals} records refused items. */
  public static <I, O> FaultTolerantStepBuilder<I, O> apply(SimpleStepBuilder<I, O> builder, RefusalListener<I, O> refusals) {
    FaultTolerantStepBuilder<I, O> tolerant = builder.faultTolerant()
        .processorNonTransactional()
        .retryPolicy(retryPolicy())
        .backOffPolicy(backOff())
        .skipPolicy((failure, skipCount) -> classify(failure) == Kind.REFUSED);
    tolerant.listener((SkipListener<I, O>) refusals);
    tolerant.listener((StepExecutionListener) refusals);
    return tolerant;
  }

  /**
   * {@code tasklet} with the same retry rule as chunks: a retriable failure rolls back the
   * tasklet's transaction and runs it again after a backoff, up to {@link #RETRY_ATTEMPTS} times.
   */
  public static Tasklet retrying(
      Tasklet tasklet,
      PlatformTransactionManager transactions) {
    RetryTemplate retry = new RetryTemplate();
    retry.setRetryPolicy(retryPolicy());
    retry.setBackOffPolicy(backOff());
    TransactionTemplate transaction =
        new TransactionTemplate(transactions);
    transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    return (contribution, chunk) -> retry.execute(context -> transaction.execute(status -> {
      try {
        return tasklet.execute(contribution, chunk);
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }));
  }

  private static ExponentialBackOffPolicy backOff() {
    ExponentialBackOffPolicy backOff = new ExponentialBackOffPolicy();
    backOff.setInitialInterval(200);
    backOff.setMultiplier(2);
    backOff.setMaxInterval(5_000);
    return backOff;
  }

  private static RetryPolicy retryPolicy() {
    SimpleRetryPolicy retry = new SimpleRetryPolicy(RETRY_ATTEMPTS, Map.of(Throwable.class, true), true);
    ExceptionClassifierRetryPolicy policy = new ExceptionClassifierRetryPolicy();
    NeverRetryPolicy never = new NeverRetryPolicy();
    policy.setExceptionClassifier(failure -> classify(failure) == Kind.RETRIABLE ? retry : never);
    return policy;
  }

  /** Classifies a failure by the SQLSTATE of the database error inside it, or by Spring's transient types. */
  public static Kind classify(Throwable failure) {
    Optional<SQLException> sql = databaseError(failure);
    if (sql.isPresent() && sql.get().getSQLState() != null) {
      String state = sql.get().getSQLState();
      if (state.startsWith("08") || RETRIABLE_STATES.contains(state)) {
        return Kind.RETRIABLE;
      }
      if (REFUSED_STATES.contains(state) || REFUSED_CLASSES.contains(state.substring(0, Math.min(2, state.length())))) {
        return Kind.REFUSED;
      }
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof TransientDataAccessException || t instanceof RecoverableDataAccessException) {
        return Kind.RETRIABLE;
      }
    }
    return Kind.INTERNAL;
  }

  /** The database's own words for a failure: message, detail and SQLSTATE, on one line. */
  public static String describe(Throwable failure) {
    Optional<SQLException> sql = databaseError(failure);
    if (sql.isEmpty()) {
      return String.valueOf(failure);
    }
    if (sql.get() instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
      ServerErrorMessage server = psql.getServerErrorMessage();
      return "the database refused it: " + server.getMessage()
          + (server.getDetail() == null ? "" : " (" + server.getDetail() + ")") + " [SQLSTATE " + server.getSQLState() + "]";
    }
    return "the database refused it: " + sql.get().getMessage().lines().findFirst().orElse("") + " [SQLSTATE "
        + sql.get().getSQLState() + "]";
  }

  /** The innermost database error: a batch's first failed statement rather than the batch wrapper. */
  private static Optional<SQLException> databaseError(Throwable failure) {
    SQLException found = null;
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql) {
        found = sql;
        if (sql instanceof BatchUpdateException && sql.getNextException() != null) {
          found = sql.getNextException();
        }
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return Optional.ofNullable(found);
  }
}
