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
package dev.steward.core.instance;

import dev.steward.spi.Secret;
import dev.steward.spi.datastore.DatabaseSpec;
import dev.steward.spi.datastore.UserRef;
import dev.steward.spi.datastore.UserSpec;
import java.util.List;
import java.util.Optional;

/**
 * Operation payloads as stored (JSON, encrypted at rest as a whole, so passwords may appear here).
 * Nullable fields, because these are a storage format, converted to SPI records at the edges.
 */
final class Payloads {
  private Payloads() {}

  record Database(String name, String characterSet, String collation) {
    static Database of(DatabaseSpec spec) {
      return new Database(
          spec.name(), spec.characterSet().orElse(null), spec.collation().orElse(null));
    }

    DatabaseSpec spec() {
      return new DatabaseSpec(
          name, Optional.ofNullable(characterSet), Optional.ofNullable(collation));
    }
  }

  record User(String name, String host, String password, List<String> databases) {
    static User of(UserSpec spec) {
      return new User(
          spec.user().name(), spec.user().host(), spec.password().reveal(), spec.databases());
    }

    UserSpec spec() {
      return new UserSpec(new UserRef(name, host), Secret.of(password), databases);
    }

    UserRef ref() {
      return new UserRef(name, host);
    }

    /** Never the password: a record's generated toString would print it. */
    @Override
    public String toString() {
      return "User[name=" + name + ", host=" + host + ", databases=" + databases + "]";
    }
  }

  /**
   * @param restoreFrom the backup a restoring create starts from, or null
   */
  record Create(List<Database> databases, List<User> users, String restoreFrom) {
    Create(List<Database> databases, List<User> users) {
      this(databases, users, null);
    }
  }

  record Databases(List<Database> databases) {}

  record Users(List<User> users) {}

  record Name(String name) {}

  record Access(String name, String host, List<String> databases) {
    UserRef ref() {
      return new UserRef(name, host);
    }
  }

  record Root(String password) {
    @Override
    public String toString() {
      return "Root[password=******]";
    }
  }

  record None() {}
}
