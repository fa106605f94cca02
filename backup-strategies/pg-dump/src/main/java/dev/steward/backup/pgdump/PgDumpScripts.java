/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package dev.steward.backup.pgdump;

/**
 * The queries that write the two psql scripts of a dump archive (see {@link DumpArchive}): the
 * server itself quotes every name ({@code format %I / %L}), so a role or database name is never
 * interpreted. Each script is idempotent: a repeated restore runs it again.
 */
final class PgDumpScripts {
  /** The user databases: the ones the dump holds. */
  static final String USER_DATABASE =
      "d.datallowconn AND NOT d.datistemplate AND d.datname <> 'postgres'";

  private static final String CREATE_PREFIX = "SELECT ";

  private PgDumpScripts() {}

  /**
   * The roles script: for each role but the bootstrap superuser, the administrator and the {@code
   * pg_*} roles, a CREATE ROLE when it does not exist yet ({@code \gexec}), an ALTER ROLE with its
   * attributes and its password verifier as stored in {@code pg_authid} (SCRAM or MD5; NULL when it
   * has none), then its memberships in carried or predefined roles.
   */
  static String roles(String administrator) {
    return "WITH carried AS (SELECT * FROM pg_catalog.pg_authid WHERE rolname !~ '^pg_'"
        + " AND oid <> 10 AND rolname <> "
        + PgDumpStrategy.literal(administrator)
        + ") SELECT coalesce(string_agg(line, E'\\n' ORDER BY part, name, line), '') FROM ("
        + " SELECT 1 AS part, a.rolname AS name, format('"
        + CREATE_PREFIX
        + "%L WHERE NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = %L) \\gexec',"
        + " format('CREATE ROLE %I', a.rolname), a.rolname) AS line FROM carried a"
        + " UNION ALL SELECT 2, a.rolname, format('ALTER ROLE %I WITH %s %s %s %s %s %s %s"
        + " CONNECTION LIMIT %s PASSWORD %s%s;', a.rolname,"
        + flag("rolsuper", "SUPERUSER")
        + flag("rolinherit", "INHERIT")
        + flag("rolcreaterole", "CREATEROLE")
        + flag("rolcreatedb", "CREATEDB")
        + flag("rolcanlogin", "LOGIN")
        + flag("rolreplication", "REPLICATION")
        + flag("rolbypassrls", "BYPASSRLS")
        + " a.rolconnlimit, coalesce(quote_literal(a.rolpassword), 'NULL'),"
        + " CASE WHEN a.rolvaliduntil IS NULL THEN '' ELSE format(' VALID UNTIL %L',"
        + " a.rolvaliduntil) END) FROM carried a"
        + " UNION ALL SELECT 3, m.rolname, format('GRANT %I TO %I%s;', g.rolname, m.rolname,"
        + " CASE WHEN am.admin_option THEN ' WITH ADMIN OPTION' ELSE '' END)"
        + " FROM pg_catalog.pg_auth_members am JOIN carried m ON m.oid = am.member"
        + " JOIN pg_catalog.pg_authid g ON g.oid = am.roleid"
        + " WHERE g.oid IN (SELECT oid FROM carried) OR g.rolname ~ '^pg_') lines";
  }

  /**
   * The access script: each user database's owner, and, when its ACL is not the default, PUBLIC's
   * privileges revoked and every entry of the ACL granted again.
   */
  static String access() {
    return "SELECT coalesce(string_agg(line, E'\\n' ORDER BY name, part, line), '') FROM ("
        + " SELECT d.datname AS name, 1 AS part, format('ALTER DATABASE %I OWNER TO %I;',"
        + " d.datname, pg_catalog.pg_get_userbyid(d.datdba)) AS line"
        + " FROM pg_catalog.pg_database d WHERE "
        + USER_DATABASE
        + " UNION ALL SELECT d.datname, 2, format('REVOKE ALL ON DATABASE %I FROM PUBLIC;',"
        + " d.datname) FROM pg_catalog.pg_database d WHERE d.datacl IS NOT NULL AND "
        + USER_DATABASE
        + " UNION ALL SELECT d.datname, 3, format('GRANT %s ON DATABASE %I TO %s%s;',"
        + " a.privilege_type, d.datname, CASE WHEN a.grantee = 0 THEN 'PUBLIC'"
        + " ELSE quote_ident(pg_catalog.pg_get_userbyid(a.grantee)) END,"
        + " CASE WHEN a.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END)"
        + " FROM pg_catalog.pg_database d CROSS JOIN LATERAL pg_catalog.aclexplode(d.datacl) a"
        + " WHERE "
        + USER_DATABASE
        + ") lines";
  }

  /** The number of roles a roles script creates (one CREATE line each). */
  static int count(String rolesScript) {
    int roles = 0;
    for (String line : rolesScript.split("\n")) {
      if (line.startsWith(CREATE_PREFIX)) {
        roles++;
      }
    }
    return roles;
  }

  private static String flag(String column, String keyword) {
    return " CASE WHEN a." + column + " THEN '" + keyword + "' ELSE 'NO" + keyword + "' END,";
  }
}
