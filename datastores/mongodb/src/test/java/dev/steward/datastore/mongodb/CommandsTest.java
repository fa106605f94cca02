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
package dev.steward.datastore.mongodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.spi.Secret;
import java.util.List;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

/** The command documents as BSON, compared with MongoDB's documented shapes. */
class CommandsTest {
  private static final Secret PASSWORD = Secret.of("Pa\"ss'word$(x)");

  @Test
  void createUserHasSha256CredentialsAndReadWriteOnEachDatabase() {
    BsonDocument command =
        Commands.createUser("alice", PASSWORD, Commands.accessRoles(List.of("shop", "crm")));
    assertThat(command)
        .isEqualTo(
            BsonDocument.parse(
                """
                {createUser: "alice", pwd: "Pa\\"ss'word$(x)",
                 roles: [{role: "readWrite", db: "shop"}, {role: "readWrite", db: "crm"}],
                 mechanisms: ["SCRAM-SHA-256"]}
                """));
    assertThat(command.getFirstKey()).isEqualTo("createUser");
  }

  @Test
  void administratorAndRootAreRootOnAdmin() {
    assertThat(Commands.createUser("steward_admin", PASSWORD, Commands.superuserRoles()))
        .isEqualTo(
            BsonDocument.parse(
                """
                {createUser: "steward_admin", pwd: "Pa\\"ss'word$(x)",
                 roles: [{role: "root", db: "admin"}], mechanisms: ["SCRAM-SHA-256"]}
                """));
    assertThat(Commands.replaceUser("root", PASSWORD, Commands.superuserRoles()))
        .isEqualTo(
            BsonDocument.parse(
                """
                {updateUser: "root", pwd: "Pa\\"ss'word$(x)", roles: [{role: "root", db: "admin"}]}
                """));
  }

  @Test
  void passwordChangeTouchesOnlyThePassword() {
    assertThat(Commands.changePassword("alice", PASSWORD))
        .isEqualTo(BsonDocument.parse("{updateUser: \"alice\", pwd: \"Pa\\\"ss'word$(x)\"}"));
  }

  @Test
  void grantRevokeDropAndUsersInfo() {
    assertThat(Commands.grantRoles("bob", Commands.accessRoles(List.of("shop"))))
        .isEqualTo(
            BsonDocument.parse(
                "{grantRolesToUser: \"bob\", roles: [{role: \"readWrite\", db: \"shop\"}]}"));
    assertThat(Commands.revokeRoles("bob", List.of(Commands.role("dbOwner", "shop"))))
        .isEqualTo(
            BsonDocument.parse(
                "{revokeRolesFromUser: \"bob\", roles: [{role: \"dbOwner\", db: \"shop\"}]}"));
    assertThat(Commands.dropUser("bob")).isEqualTo(BsonDocument.parse("{dropUser: \"bob\"}"));
    assertThat(Commands.userInfo("bob"))
        .isEqualTo(BsonDocument.parse("{usersInfo: {user: \"bob\", db: \"admin\"}}"));
    assertThat(Commands.allUsersInfo()).isEqualTo(BsonDocument.parse("{usersInfo: 1}"));
    assertThat(Commands.everyUserInfo())
        .isEqualTo(BsonDocument.parse("{usersInfo: {forAllDBs: true}}"));
  }

  @Test
  void theCommandNameComesFirst() {
    List<String> roles = List.of("shop");
    assertThat(Commands.createUser("a", PASSWORD, List.of()).getFirstKey()).isEqualTo("createUser");
    assertThat(Commands.changePassword("a", PASSWORD).getFirstKey()).isEqualTo("updateUser");
    assertThat(Commands.replaceUser("a", PASSWORD, List.of()).getFirstKey())
        .isEqualTo("updateUser");
    assertThat(Commands.grantRoles("a", Commands.accessRoles(roles)).getFirstKey())
        .isEqualTo("grantRolesToUser");
    assertThat(Commands.revokeRoles("a", Commands.accessRoles(roles)).getFirstKey())
        .isEqualTo("revokeRolesFromUser");
    assertThat(Commands.listDatabases().getFirstKey()).isEqualTo("listDatabases");
  }

  @Test
  void hostileNamesStayValuesNotSyntax() {
    BsonDocument command = Commands.dropUser("x\"}, {$where: 1}");
    assertThat(command.keySet()).containsExactly("dropUser");
    assertThat(command.getString("dropUser").getValue()).isEqualTo("x\"}, {$where: 1}");
  }

  @Test
  void databaseCommands() {
    assertThat(Commands.createMarker()).isEqualTo(BsonDocument.parse("{create: \"_steward\"}"));
    assertThat(Commands.listDatabases())
        .isEqualTo(BsonDocument.parse("{listDatabases: 1, nameOnly: true}"));
    assertThat(Commands.dropDatabase()).isEqualTo(BsonDocument.parse("{dropDatabase: 1}"));
    assertThat(Commands.ping()).isEqualTo(BsonDocument.parse("{ping: 1}"));
  }

  @Test
  void listingLeavesOutMongodbsOwnDatabasesAndSorts() {
    BsonDocument reply =
        BsonDocument.parse(
            """
            {databases: [{name: "shop"}, {name: "admin"}, {name: "config"}, {name: "local"},
                         {name: "crm"}, {noName: 1}], totalSize: 0, ok: 1}
            """);
    assertThat(Commands.userDatabases(reply)).containsExactly("crm", "shop");
    assertThat(Commands.userDatabases(BsonDocument.parse("{ok: 1}"))).isEmpty();
  }

  @Test
  void readsUsersRolesAndAccess() {
    BsonDocument reply =
        BsonDocument.parse(
            """
            {users: [{_id: "admin.bob", user: "bob", db: "admin",
                      roles: [{role: "readWrite", db: "shop"}, {role: "read", db: "crm"},
                              {role: "dbOwner", db: "shop"}, {role: "clusterMonitor", db: "admin"}],
                      mechanisms: ["SCRAM-SHA-256"]}],
             ok: 1}
            """);
    BsonDocument bob = Commands.user(reply).orElseThrow();
    assertThat(Commands.userName(bob)).isEqualTo("bob");
    assertThat(Commands.accessibleDatabases(bob)).containsExactly("crm", "shop");
    assertThat(Commands.rolesOn(bob, "shop"))
        .containsExactly(Commands.role("readWrite", "shop"), Commands.role("dbOwner", "shop"));
    assertThat(Commands.rolesOn(bob, "hr")).isEmpty();
    assertThat(Commands.isSuperuser(bob)).isFalse();
    assertThat(Commands.user(BsonDocument.parse("{users: [], ok: 1}"))).isEmpty();
  }

  @Test
  void recognisesTheSuperuser() {
    BsonDocument root =
        BsonDocument.parse(
            "{user: \"root\", db: \"admin\", roles: [{role: \"root\", db: \"admin\"}]}");
    assertThat(Commands.isSuperuser(root)).isTrue();
    assertThat(Commands.accessibleDatabases(root)).isEmpty();
  }
}
