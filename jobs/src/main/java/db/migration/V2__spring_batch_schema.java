package db.migration;

import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ScriptUtils;

/**
 * Creates Spring Batch's job repository tables in schema {@code batch}, from the script that
 * ships inside spring-batch-core, so the DDL always matches the Batch version on the classpath.
 */
public class V2__spring_batch_schema extends BaseJavaMigration {
  @Override
  public void migrate(Context context) throws Exception {
    try (Statement statement = context.getConnection().createStatement()) {
      statement.execute("SET search_path TO batch");
      ScriptUtils.executeSqlScript(context.getConnection(),
          new ClassPathResource("org/springframework/batch/core/schema-postgresql.sql"));
      statement.execute("SET search_path TO DEFAULT");
    }
  }
}
