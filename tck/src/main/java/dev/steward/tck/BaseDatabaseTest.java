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
package dev.steward.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.core.model.Instance;
import dev.steward.spi.Capability;
import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.datastore.DatabaseInfo;
import dev.steward.spi.datastore.DatabaseSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Databases contract, both ways: with {@link Capability#DATABASES} declared the real flow works;
 * without it every call fails with NOT_SUPPORTED and records nothing.
 */
public abstract class BaseDatabaseTest extends StewardTestBase {
  private Instance instance;

  /** Names the engine must reject (beyond the hostile ones every engine rejects). */
  protected List<String> reservedDatabaseNames() {
    return List.of();
  }

  @BeforeAll
  void createInstance() {
    instance = createActive(request("databases"));
  }

  @Test
  void createListDelete() {
    if (!declares(Capability.DATABASES)) {
      assertNotSupported();
      return;
    }
    succeed(
        steward
            .databases()
            .create(
                tenant,
                instance.id(),
                List.of(DatabaseSpec.named("sales"), DatabaseSpec.named("hr"))));
    assertThat(steward.databases().list(tenant, instance.id()))
        .extracting(DatabaseInfo::name)
        .contains("sales", "hr");
    assertFails(
        StandardErrorCode.ALREADY_EXISTS,
        () -> steward.databases().create(tenant, instance.id(), List.of(DatabaseSpec.named("hr"))));
    succeed(steward.databases().delete(tenant, instance.id(), "hr"));
    assertThat(steward.databases().list(tenant, instance.id()))
        .extracting(DatabaseInfo::name)
        .contains("sales")
        .doesNotContain("hr");
    assertFails(
        StandardErrorCode.NOT_FOUND, () -> steward.databases().delete(tenant, instance.id(), "hr"));
  }

  @Test
  void hostileNamesAreRefusedAndChangeNothing() {
    if (!declares(Capability.DATABASES)) {
      assertNotSupported();
      return;
    }
    List<DatabaseInfo> before = steward.databases().list(tenant, instance.id());
    int operations = operationsOf(instance).size();
    List<String> hostile =
        new ArrayList<>(
            List.of(
                "a\"b",
                "a'b",
                "a`b",
                "x; DROP DATABASE postgres",
                "$(reboot)",
                "",
                "名前",
                "a".repeat(10_000),
                "../etc"));
    hostile.addAll(reservedDatabaseNames());
    for (String name : hostile) {
      assertFails(
          StandardErrorCode.INVALID_NAME,
          () ->
              steward.databases().create(tenant, instance.id(), List.of(DatabaseSpec.named(name))));
    }
    assertThat(steward.databases().list(tenant, instance.id())).isEqualTo(before);
    assertThat(operationsOf(instance)).hasSize(operations);
  }

  @Test
  void characterSetAndCollationAreApplied() {
    if (!declares(Capability.DATABASES)) {
      assertNotSupported();
      return;
    }
    DatabaseSpec spec = characterSetSpec("encoded");
    succeed(steward.databases().create(tenant, instance.id(), List.of(spec)));
    DatabaseInfo info =
        steward.databases().list(tenant, instance.id()).stream()
            .filter(database -> database.name().equals("encoded"))
            .findFirst()
            .orElseThrow();
    assertThat(info.characterSet()).isEqualToIgnoringCase(spec.characterSet().orElseThrow());
    assertThat(info.collation()).isEqualToIgnoringCase(spec.collation().orElseThrow());
  }

  /**
   * A database spec with an explicit character set and collation the engine supports. Engines that
   * declare {@link Capability#DATABASES} must override it.
   */
  protected DatabaseSpec characterSetSpec(String name) {
    throw new IllegalStateException(
        "declares DATABASES but does not say which character set and collation to test");
  }

  private void assertNotSupported() {
    int operations = operationsOf(instance).size();
    assertFails(
        StandardErrorCode.NOT_SUPPORTED,
        () -> steward.databases().create(tenant, instance.id(), List.of(DatabaseSpec.named("d"))));
    assertFails(
        StandardErrorCode.NOT_SUPPORTED, () -> steward.databases().list(tenant, instance.id()));
    assertFails(
        StandardErrorCode.NOT_SUPPORTED,
        () -> steward.databases().delete(tenant, instance.id(), "d"));
    assertThat(operationsOf(instance)).hasSize(operations);
    assertThat(Optional.ofNullable(instance)).isPresent();
  }
}
