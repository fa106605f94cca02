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
package org.example.steward.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The request bodies this plugin builds and the replies it reads, without a server. */
class JsonAndKeySpaceTest {
  @Test
  void writesEscapedRequestBodies() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", "a\"b\\c\n\u0001\u2028");
    body.put("count_only", true);
    body.put("perm", Map.of("permType", "READWRITE"));
    body.put("list", List.of(1, 2L));
    assertThat(Json.write(body))
        .isEqualTo(
            "{\"name\":\"a\\\"b\\\\c\\n\\u0001\\u2028\",\"count_only\":true,"
                + "\"perm\":{\"permType\":\"READWRITE\"},\"list\":[1,2]}");
  }

  @Test
  void parsesWhatItWritesAndWhatEtcdAnswers() {
    String hostile = "x\"}, {\"password\": \"y\\u0000 ü 😀";
    assertThat(Json.parseObject(Json.write(Map.of("name", hostile))))
        .containsEntry("name", hostile);
    Map<String, Object> reply =
        Json.parseObject(
            "{\"header\":{\"revision\":\"3\"},\"users\":[\"a\\\"b\\\\u0000c\",\"root\"],"
                + " \"count\":\"2\",\"more\":false,\"x\":null,\"n\":-1.5e3}");
    Reply parsed = new Reply(200, reply);
    assertThat(parsed.strings("users")).containsExactly("a\"b\\u0000c", "root");
    assertThat(parsed.int64("count")).isEqualTo(2);
    assertThat(parsed.int64("absent")).isZero();
    assertThat(reply.get("n")).isEqualTo(-1500.0);
    assertThat(reply.get("x")).isSameAs(Json.NULL);
    assertThat(parsed.succeeded()).isTrue();
  }

  @Test
  void rejectsMalformedJson() {
    for (String bad :
        List.of("", "{", "{\"a\":}", "[1,]x", "{\"a\":\"\u0001\"}", "\"\\q\"", "{} {}", "tru")) {
      assertThatThrownBy(() -> Json.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> Json.parse("[".repeat(100) + "]".repeat(100)))
        .hasMessageContaining("nested too deeply");
  }

  @Test
  void mapsEtcdErrorsToCodes() {
    assertThat(error("etcdserver: user name not found", 9))
        .isEqualTo(StandardErrorCode.NOT_FOUND.toErrorCode());
    assertThat(error("etcdserver: role name not found", 9))
        .isEqualTo(StandardErrorCode.NOT_FOUND.toErrorCode());
    assertThat(error(Reply.AUTHENTICATION_FAILED, 3))
        .isEqualTo(EtcdErrorCode.ADMIN_AUTHENTICATION_FAILED.toErrorCode());
    assertThat(error("etcdserver: request timed out", 14))
        .isEqualTo(StandardErrorCode.ENGINE_UNAVAILABLE.toErrorCode());
    assertThat(error("etcdserver: invalid auth management", 3))
        .isEqualTo(EtcdErrorCode.REQUEST_FAILED.toErrorCode());
    assertThat(new Reply(404, Map.of()).error()).contains("HTTP status 404");
    assertThatThrownBy(() -> new Reply(200, Map.of("users", "x")).strings("users"))
        .isInstanceOfSatisfying(
            StewardException.class, e -> assertThat(e.is(EtcdErrorCode.RESPONSE_INVALID)).isTrue());
  }

  @Test
  void databasesAreKeyPrefixesGrantedByRoles() {
    assertThat(KeySpace.role("shop")).isEqualTo("db:shop");
    assertThat(KeySpace.database("db:shop")).contains("shop");
    assertThat(KeySpace.database("root")).isEmpty();
    assertThat(KeySpace.database("db:")).isEmpty();
    assertThat(new String(KeySpace.prefix("shop"), StandardCharsets.UTF_8)).isEqualTo("/shop/");
    assertThat(KeySpace.range("shop"))
        .isEqualTo(
            Map.of("key", KeySpace.base64("/shop/"), "range_end", KeySpace.base64("/shop0")));
    assertThat(KeySpace.permission("shop"))
        .containsEntry("permType", "READWRITE")
        .containsEntry("key", "L3Nob3Av")
        .containsEntry("range_end", "L3Nob3Aw");
    assertThat(KeySpace.decode(KeySpace.base64("ü/x"))).isEqualTo("ü/x");
  }

  @Test
  void rangeEndIsTheFirstKeyAfterThePrefix() {
    assertThat(KeySpace.rangeEnd(new byte[] {'a', (byte) 0xff})).containsExactly('b');
    assertThat(KeySpace.rangeEnd(new byte[] {(byte) 0xff, (byte) 0xff})).containsExactly(0);
    assertThat(KeySpace.rangeEnd("/a/".getBytes(StandardCharsets.UTF_8)))
        .containsExactly('/', 'a', '0');
  }

  @Test
  void prefixesOfTwoDatabasesNeverOverlap() {
    // Names hold no '/', so "/a/" ranges over exactly the keys starting with "/a/".
    byte[] a = KeySpace.prefix("a");
    String end = new String(KeySpace.rangeEnd(a), StandardCharsets.UTF_8);
    for (String other : List.of("/ab/x", "/a.b/x", "/a-/x", "/a0/x", "/A/x", "/b/")) {
      boolean inside = other.compareTo("/a/") >= 0 && other.compareTo(end) < 0;
      assertThat(inside).as(other).isFalse();
    }
    assertThat("/a/x".compareTo(end)).isNegative();
  }

  @Test
  void onlyBinaryCharacterSetsAndCollations() {
    EtcdDatabaseAdmin admin = new EtcdDatabaseAdmin(new Gateway(java.time.Duration.ofSeconds(1)));
    admin.validate(
        new dev.steward.spi.datastore.DatabaseSpec("x", Optional.of("BINARY"), Optional.empty()));
    assertThatThrownBy(() ->
            admin.validate(
                new dev.steward.spi.datastore.DatabaseSpec(
                    "x", Optional.of("utf8"), Optional.empty())))
        .isInstanceOfSatisfying(
            StewardException.class,
            e -> assertThat(e.is(StandardErrorCode.INVALID_ARGUMENT)).isTrue());
    assertThatThrownBy(() ->
            admin.validate(
                new dev.steward.spi.datastore.DatabaseSpec(
                    "x", Optional.empty(), Optional.of("C"))))
        .isInstanceOf(StewardException.class);
  }

  private static dev.steward.spi.ErrorCode error(String message, int code) {
    Reply reply = new Reply(400, Map.of("error", message, "code", (double) code));
    try {
      reply.require("test");
    } catch (StewardException e) {
      assertThat(e.getMessage()).isEqualTo("test failed: " + message);
      return e.errorCode();
    }
    throw new AssertionError("no exception");
  }
}
