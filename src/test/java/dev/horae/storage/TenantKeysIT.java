package dev.horae.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.horae.support.ApiTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The schema, read from the catalogue after every migration, is ready to be distributed by tenant:
 * every table of tenant data has {@code tenant_id}, and each of its primary keys, unique
 * constraints, unique indexes and exclusion constraints leads with it, as does each foreign key to
 * another table of tenant data. The global tables are named here, each with why it is global.
 */
class TenantKeysIT extends ApiTest {
  /** Looked up before a tenant is known, or not tenant data at all; in Citus these would be reference tables or stay local. */
  static final Map<String, String> GLOBAL = Map.of(
      "tenant", "the tenants themselves",
      "api_key", "found by the presented key's hash before the tenant is known",
      "admin_credential", "the operator's key",
      "rate_limit_bucket", "buckets of keys, tenants and anonymous addresses alike",
      "scheduled_tasks", "db-scheduler's jobs, one row per job, for the whole service",
      "spring_session", "console sessions, found by cookie before a tenant is known",
      "spring_session_attributes", "console sessions' attributes",
      "flyway_schema_history", "the migrations",
      "provider_slot", "a provider account's requests in flight (Graph's 4 per mailbox), across tenants by design: a row lives while"
          + " its request runs and is deleted after it; the account key names the connection, never its data");

  @Autowired JdbcClient jdbc;

  @Test
  void every_key_of_tenant_data_leads_with_tenant_id() {
    List<String> tables = jdbc.sql("select c.relname from pg_class c where c.relnamespace = current_schema()::regnamespace"
        + " and c.relkind in ('r', 'p') order by 1").query(String.class).list();
    Set<String> withTenant = new TreeSet<>(jdbc.sql("select table_name from information_schema.columns"
        + " where table_schema = current_schema() and column_name = 'tenant_id'").query(String.class).list());
    assertThat(tables).as("the schema's tables").hasSizeGreaterThan(20);

    List<String> wrong = new ArrayList<>();
    for (String table : tables) {
      if (GLOBAL.containsKey(table)) {
        continue;
      }
      if (!withTenant.contains(table)) {
        wrong.add(table + ": no tenant_id column (tenant data, or name it in GLOBAL with why)");
        continue;
      }
      if (jdbc.sql("select count(*) from pg_constraint where conrelid = cast(? as regclass) and contype = 'p'").params(table).query(Long.class).single() == 0) {
        wrong.add(table + ": no primary key");
      }
      // unique and exclusion constraints, primary keys, and unique indexes that back no constraint: the first key column
      jdbc.sql("select pg_get_indexdef(i.indexrelid), a.attname from pg_index i"
              + " left join pg_constraint k on k.conindid = i.indexrelid and k.conrelid = i.indrelid"
              + " left join pg_attribute a on a.attrelid = i.indrelid and a.attnum = i.indkey[0]"
              + " where i.indrelid = cast(? as regclass) and (i.indisunique or k.contype = 'x')")
          .params(table).query((rs, n) -> {
            if (!"tenant_id".equals(rs.getString(2))) {
              wrong.add(table + ": " + rs.getString(1));
            }
            return null;
          }).list();
      // foreign keys to other tables of tenant data carry the tenant first
      jdbc.sql("select pg_get_constraintdef(k.oid), a.attname, r.relname from pg_constraint k join pg_class r on r.oid = k.confrelid"
              + " join pg_attribute a on a.attrelid = k.conrelid and a.attnum = k.conkey[1]"
              + " where k.conrelid = cast(? as regclass) and k.contype = 'f'")
          .params(table).query((rs, n) -> {
            if (!GLOBAL.containsKey(rs.getString(3)) && !"tenant_id".equals(rs.getString(2))) {
              wrong.add(table + ": " + rs.getString(1));
            }
            return null;
          }).list();
    }
    assertThat(wrong).as("keys of tenant data that do not lead with tenant_id").isEmpty();
  }
}
