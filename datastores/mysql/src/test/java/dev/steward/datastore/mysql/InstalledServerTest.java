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
package dev.steward.datastore.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.spi.datastore.DatastoreVersion;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Version recognition by --version output, and detection against this machine's binaries. */
class InstalledServerTest {
  private static final String MARIADB =
      "/usr/sbin/mysqld  Ver 10.11.19-MariaDB-0+deb12u1 for debian-linux-gnu on x86_64 (Debian 12)";
  private static final String MYSQL =
      "/usr/sbin/mysqld  Ver 8.0.36-0ubuntu0.22.04.1 for Linux on x86_64 ((Ubuntu))";
  private static final String MYSQL_84 =
      "/usr/sbin/mysqld  Ver 8.4.3 for Linux on x86_64 (MySQL Community Server - GPL)";
  private static final String PERCONA =
      "/usr/sbin/mysqld  Ver 8.0.36-28 for Linux on x86_64 (Percona Server (GPL), Release '28')";

  @Test
  void eachMemberRecognisesOnlyItself() {
    MariadbDistribution mariadb = new MariadbDistribution();
    MysqlDistribution mysql = new MysqlDistribution();
    assertThat(mariadb.versionNumber(MARIADB)).contains("10.11.19");
    assertThat(mariadb.versionNumber(MYSQL)).isEmpty();
    assertThat(mysql.versionNumber(MARIADB)).as("a mysqld that is MariaDB").isEmpty();
    assertThat(mysql.versionNumber(MYSQL)).contains("8.0.36");
    assertThat(mysql.versionNumber(MYSQL_84)).contains("8.4.3");
    assertThat(mysql.versionNumber(PERCONA)).isEmpty();
    assertThat(mysql.versionNumber("garbage")).isEmpty();
    assertThat(Distribution.versionName("10.11.19")).isEqualTo("10.11");
  }

  @Test
  void oldVersionsAreNotSupported() {
    assertThat(new MariadbDistribution().supports("10.3.39")).isFalse();
    assertThat(new MariadbDistribution().supports("10.4.0")).isTrue();
    assertThat(new MariadbDistribution().supports("11.4.2")).isTrue();
    assertThat(new MysqlDistribution().supports("5.7.44")).isFalse();
    assertThat(new MysqlDistribution().supports("8.0.11")).isTrue();
  }

  @Test
  void detectsThePackagedMariadbByItsOutputNotItsName() {
    InstalledServer.Detection viaSymlink =
        InstalledServer.detect(new MariadbDistribution(), Path.of("/usr/sbin/mysqld"));
    assertThat(viaSymlink.version()).map(DatastoreVersion::name).contains("10.11");
    assertThat(viaSymlink.version().orElseThrow().number()).startsWith("10.11.");
    InstalledServer.Detection asMysql =
        InstalledServer.detect(new MysqlDistribution(), Path.of("/usr/sbin/mysqld"));
    assertThat(asMysql.version()).isEmpty();
    assertThat(asMysql.explanation()).contains("is not MySQL").contains("MariaDB");
  }

  @Test
  void anAbsentBinaryOffersNothing() {
    InstalledServer.Detection absent =
        InstalledServer.detect(new MysqlDistribution(), Path.of("/nonexistent/mysqld"));
    assertThat(absent.versions()).isEmpty();
    assertThat(absent.explanation()).contains("no MySQL server binary");
  }
}
