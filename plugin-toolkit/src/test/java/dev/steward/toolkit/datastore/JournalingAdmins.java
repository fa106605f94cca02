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
package dev.steward.toolkit.datastore;

import dev.steward.spi.Secret;
import dev.steward.spi.datastore.DatabaseInfo;
import dev.steward.spi.datastore.DatabaseSpec;
import dev.steward.spi.datastore.InstanceContext;
import dev.steward.spi.datastore.UserInfo;
import dev.steward.spi.datastore.UserRef;
import dev.steward.spi.datastore.UserSpec;
import dev.steward.toolkit.validation.NameRule;
import dev.steward.toolkit.validation.PasswordRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Hand-written admins over the toolkit's templates that journal what reaches the engine's hooks;
 * names are checked with a rule that accepts lower-case letters only.
 */
final class JournalingAdmins {
  static final NameRule NAMES =
      NameRule.of("name").pattern(Pattern.compile("[a-z]+"), "is not a-z").build();

  final List<String> journal = new ArrayList<>();

  final TemplateDatabaseAdmin databases =
      new TemplateDatabaseAdmin() {
        @Override
        public void validate(DatabaseSpec spec) {
          NAMES.validate(spec.name());
        }

        @Override
        protected void createDatabase(InstanceContext instance, DatabaseSpec spec) {
          journal.add("create database " + spec.name());
        }

        @Override
        public List<DatabaseInfo> list(InstanceContext instance) {
          return List.of();
        }

        @Override
        public void delete(InstanceContext instance, String name) {
          journal.add("delete database " + name);
        }
      };

  final TemplateUserAdmin users =
      new TemplateUserAdmin() {
        @Override
        public void validate(UserSpec spec) {
          NAMES.validate(spec.user().name());
          PasswordRule.characters(8).validate(spec.password());
        }

        @Override
        protected void createUser(InstanceContext instance, UserSpec spec) {
          journal.add("create user " + spec.user().name());
        }

        @Override
        public List<UserInfo> list(InstanceContext instance) {
          return List.of();
        }

        @Override
        public Optional<UserInfo> find(InstanceContext instance, UserRef user) {
          return Optional.empty();
        }

        @Override
        public void delete(InstanceContext instance, UserRef user) {
          journal.add("delete user " + user.name());
        }

        @Override
        public void changePassword(InstanceContext instance, UserRef user, Secret password) {
          journal.add("password of " + user.name());
        }

        @Override
        public void grant(InstanceContext instance, UserRef user, List<String> databases) {
          journal.add("grant " + user.name() + " " + databases);
        }

        @Override
        public void revoke(InstanceContext instance, UserRef user, String database) {
          journal.add("revoke " + user.name() + " " + database);
        }

        @Override
        public List<String> access(InstanceContext instance, UserRef user) {
          return List.of();
        }
      };

  final TemplateRootAdmin root =
      new TemplateRootAdmin("root", PasswordRule.characters(4)) {
        @Override
        protected void enableRoot(InstanceContext instance, Secret password) {
          journal.add("enable root " + password.reveal());
        }

        @Override
        public void disable(InstanceContext instance) {
          journal.add("disable root");
        }

        @Override
        public boolean isEnabled(InstanceContext instance) {
          return journal.stream().anyMatch(event -> event.startsWith("enable root"));
        }
      };
}
