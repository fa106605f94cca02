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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.spi.PluginConfig;
import dev.steward.spi.StewardException;
import dev.steward.spi.backup.RestorePart;
import dev.steward.tck.RestoreParts;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DumpArchiveTest {
  private static final DumpArchive.Database SHOP =
      new DumpArchive.Database("shop", "UTF8", "C.UTF-8", "C.UTF-8");
  private static final DumpArchive.Database ODD =
      new DumpArchive.Database("Odd \"name\" 'x'=1 ü", "LATIN1", "C", "C");

  @Test
  void roundTripsSeveralDatabasesOfAnySize() throws IOException {
    byte[] big = new byte[3 * DumpArchive.MAX_BLOCK + 17];
    new Random(7).nextBytes(big);
    byte[] archive = archive(List.of(SHOP, ODD), List.of(big, new byte[0]));

    DumpArchive.Reader reader = new DumpArchive.Reader(new ByteArrayInputStream(archive));
    assertThat(reader.next()).contains(SHOP);
    assertThat(reader.dump().readAllBytes()).isEqualTo(big);
    assertThat(reader.next()).contains(ODD);
    assertThat(reader.dump().readAllBytes()).isEmpty();
    assertThat(reader.next()).isEmpty();
    assertThat(reader.next()).isEmpty();
  }

  @Test
  void scriptsTravelBeforeAndAfterTheDatabasesAndTheFirstFormatIsStillRead() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    DumpArchive.Writer writer = new DumpArchive.Writer(out);
    writer.script(DumpArchive.Script.ROLES, "CREATE ROLE x;".getBytes(StandardCharsets.UTF_8));
    try (OutputStream blocks = writer.database(SHOP)) {
      blocks.write(new byte[] {1, 2, 3});
    }
    writer.script(DumpArchive.Script.ACCESS, new byte[0]);
    writer.finish();
    DumpArchive.Reader reader = new DumpArchive.Reader(new ByteArrayInputStream(out.toByteArray()));
    assertThat(reader.version()).isEqualTo(DumpArchive.VERSION);
    assertThat(reader.next()).contains(DumpArchive.Script.ROLES);
    assertThat(new String(reader.dump().readAllBytes(), StandardCharsets.UTF_8))
        .isEqualTo("CREATE ROLE x;");
    assertThat(reader.next()).contains(SHOP);
    assertThat(reader.dump().readAllBytes()).containsExactly(1, 2, 3);
    assertThat(reader.next()).contains(DumpArchive.Script.ACCESS);
    assertThat(reader.dump().readAllBytes()).isEmpty();
    assertThat(reader.next()).isEmpty();

    byte[] first = archive(List.of(SHOP), List.of(new byte[] {9}));
    first[DumpArchive.MAGIC.length] = DumpArchive.FIRST_VERSION;
    DumpArchive.Reader old = new DumpArchive.Reader(new ByteArrayInputStream(first));
    assertThat(old.version()).isEqualTo(DumpArchive.FIRST_VERSION);
    assertThat(old.next()).contains(SHOP);
    assertThat(old.dump().readAllBytes()).containsExactly(9);
    assertThat(old.next()).isEmpty();
    // A script record in a first-format stream is not a record that format knows.
    byte[] scripted = out.toByteArray();
    scripted[DumpArchive.MAGIC.length] = DumpArchive.FIRST_VERSION;
    assertInvalid(scripted, "unknown record 82");
  }

  @Test
  void aBackupOfTheFirstFormatSaysItsRolesWereNotCarried() {
    PgDumpStrategy strategy =
        new PgDumpStrategy(PgDumpConfig.from(new PluginConfig("pg_dump", Map.of())));
    RestorePart old =
        RestoreParts.of(
            "bk-old", Map.of("format", "steward-pgdump-v1"), InputStream::nullInputStream);
    assertThat(strategy.restoreNotices(List.of(old)))
        .singleElement()
        .asString()
        .contains("bk-old", "no user of the source was recreated");
    RestorePart current =
        RestoreParts.of("bk-new", Map.of("roles", "0"), InputStream::nullInputStream);
    assertThat(strategy.restoreNotices(List.of(current))).isEmpty();
    assertThat(PgDumpScripts.count("SELECT 'CREATE ROLE a' \\gexec\nALTER ROLE a;\nSELECT 'x'"))
        .isEqualTo(2);
    assertThat(PgDumpScripts.roles("o'dmin")).contains("rolname <> 'o''dmin'");
  }

  @Test
  void refusesDamagedStreamsWithACode() throws IOException {
    byte[] archive =
        archive(List.of(SHOP), List.of("dump".repeat(1000).getBytes(StandardCharsets.UTF_8)));
    assertInvalid(Arrays.copyOf(archive, archive.length - 3), "ends early");
    assertInvalid(Arrays.copyOf(archive, 100), "ends inside a block");
    byte[] trailing = Arrays.copyOf(archive, archive.length + 1);
    assertInvalid(trailing, "bytes follow");
    byte[] magic = archive.clone();
    magic[0] = 'X';
    assertInvalid(magic, "does not start with");
    byte[] version = archive.clone();
    version[DumpArchive.MAGIC.length] = 9;
    assertInvalid(version, "unknown version 9");
    byte[] count = archive.clone();
    count[count.length - 1] = 5;
    assertInvalid(count, "counts 5 databases");
  }

  @Test
  void databaseListsAreParsedFromNulSeparatedFields() {
    assertThat(PgDumpStrategy.parseDatabaseList("")).isEmpty();
    assertThat(PgDumpStrategy.parseDatabaseList("shop\0UTF8\0C.UTF-8\0C.UTF-8\0a\nb\0UTF8\0C\0C\0"))
        .containsExactly(SHOP, new DumpArchive.Database("a\nb", "UTF8", "C", "C"));
    assertThatThrownBy(() -> PgDumpStrategy.parseDatabaseList("shop\0UTF8\0"))
        .isInstanceOfSatisfying(
            StewardException.class,
            e -> assertThat(e.is(PgDumpErrorCode.DATABASE_LIST_INVALID)).isTrue());
  }

  @Test
  void namesAreQuotedNeverInterpreted() {
    assertThat(PgDumpStrategy.createDatabase(ODD))
        .isEqualTo(
            "CREATE DATABASE \"Odd \"\"name\"\" 'x'=1 ü\" TEMPLATE template0 ENCODING 'LATIN1'"
                + " LC_COLLATE 'C' LC_CTYPE 'C'");
    assertThat(PgDumpStrategy.conninfo("a'b\\c=d")).isEqualTo("dbname='a\\'b\\\\c=d'");
    assertThatThrownBy(() ->
            PgDumpStrategy.validated(
                new DumpArchive.Database("x", "UTF8", "C'; DROP DATABASE y; --", "C")))
        .isInstanceOfSatisfying(
            StewardException.class,
            e -> assertThat(e.is(PgDumpErrorCode.ARCHIVE_INVALID)).isTrue());
    assertThatThrownBy(() ->
            PgDumpStrategy.validated(new DumpArchive.Database("x".repeat(64), "UTF8", "C", "C")))
        .isInstanceOf(StewardException.class);
  }

  @Test
  void configDefaultsArePinned() {
    PgDumpConfig config = PgDumpConfig.from(new PluginConfig("pg_dump", Map.of()));
    assertThat(config).isEqualTo(new PgDumpConfig(Duration.ofHours(6), 0));
    assertThat(
            PgDumpConfig.from(
                new PluginConfig("pg_dump", Map.of("compression", "0", "timeout", "1h"))))
        .isEqualTo(new PgDumpConfig(Duration.ofHours(1), 0));
    assertThatThrownBy(
            () -> PgDumpConfig.from(new PluginConfig("pg_dump", Map.of("compression", "10"))))
        .hasMessageContaining("pg_dump.compression");
    assertThat(new PgDumpPlugin().errorCodes())
        .allSatisfy(code -> assertThat(code.toErrorCode().code()).isBetween(0x8_0000, 0x8_0FFF));
    assertThat(new PgDumpPlugin().backupStrategyFactories())
        .singleElement()
        .satisfies(factory -> assertThat(factory.name()).isEqualTo("pg_dump"));
  }

  private static byte[] archive(List<DumpArchive.Database> databases, List<byte[]> dumps)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    DumpArchive.Writer writer = new DumpArchive.Writer(out);
    for (int index = 0; index < databases.size(); index++) {
      try (OutputStream blocks = writer.database(databases.get(index))) {
        InputStream dump = new ByteArrayInputStream(dumps.get(index));
        dump.transferTo(blocks);
      }
    }
    writer.finish();
    return out.toByteArray();
  }

  private static void assertInvalid(byte[] archive, String message) {
    assertThatThrownBy(
            () -> {
              DumpArchive.Reader reader = new DumpArchive.Reader(new ByteArrayInputStream(archive));
              for (Optional<DumpArchive.Entry> next = reader.next();
                  next.isPresent();
                  next = reader.next()) {
                reader.dump().readAllBytes();
              }
            })
        .isInstanceOfSatisfying(
            StewardException.class, e -> assertThat(e.is(PgDumpErrorCode.ARCHIVE_INVALID)).isTrue())
        .hasMessageContaining(message);
  }
}
