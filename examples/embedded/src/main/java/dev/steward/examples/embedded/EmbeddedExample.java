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
package dev.steward.examples.embedded;

import dev.steward.core.Steward;
import dev.steward.core.instance.CreateInstanceRequest;
import dev.steward.core.model.Instance;
import dev.steward.core.model.InstanceState;
import dev.steward.spi.Secret;
import dev.steward.spi.datastore.DatabaseSpec;
import dev.steward.spi.datastore.UserRef;
import dev.steward.spi.datastore.UserSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Embedding Steward in one page: boot on embedded defaults (H2 store, local platform), create a
 * PostgreSQL instance with a database and a user, print how to connect, delete it again.
 */
public final class EmbeddedExample {
  private EmbeddedExample() {}

  public static void main(String[] args) {
    Map<String, String> properties =
        Map.of("steward.datastores", "postgresql", "steward.data-dir", ".steward");
    try (Steward steward = Steward.builder().properties(properties).start()) {
      Secret password = Secret.of("change-me-" + System.nanoTime());
      CreateInstanceRequest request =
          CreateInstanceRequest.named("demo-project", "example", "postgresql")
              .withDatabases(List.of(DatabaseSpec.named("shop")))
              .withUsers(List.of(new UserSpec(UserRef.of("shopper"), password, List.of("shop"))));
      Instance created = steward.instances().create(request);
      Instance active =
          steward
              .instances()
              .await(
                  "demo-project",
                  created.id(),
                  Set.of(InstanceState.ACTIVE),
                  Duration.ofMinutes(2));
      System.out.println(
          "PostgreSQL is ready: postgresql://shopper@"
              + active.address().orElseThrow()
              + ":5432/shop");
      steward
          .operations()
          .awaitSuccess(
              steward.instances().delete("demo-project", active.id()).id(), Duration.ofMinutes(1));
      System.out.println(
          "Deleted "
              + active.id()
              + "; instances left: "
              + steward.instances().list("demo-project", 10, Optional.empty()).size());
    }
  }
}
