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

import dev.steward.core.Steward;
import dev.steward.core.instance.CreateInstanceRequest;
import dev.steward.core.model.Instance;
import dev.steward.core.model.InstanceState;
import dev.steward.spi.Secret;
import dev.steward.spi.datastore.DatabaseSpec;
import dev.steward.spi.datastore.UserRef;
import dev.steward.spi.datastore.UserSpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Embeds Steward with the etcd plugin jar on the classpath, creates an etcd instance with database
 * {@code app} and user {@code app}, writes and reads a key as that user over etcd's gateway, and
 * deletes the instance. Run from this directory after building the embedded example and the plugin:
 *
 * <pre>
 * java -cp ../embedded/target/steward-embedded.jar:target/steward-example-plugin-0.1.0-SNAPSHOT.jar \
 *     demo/EtcdDemo.java
 * </pre>
 */
public class EtcdDemo {
  public static void main(String[] args) throws Exception {
    Map<String, String> properties =
        Map.of(
            "steward.datastores", "etcd",
            "steward.data-dir", System.getProperty("steward.data-dir", ".steward-etcd-demo"),
            "local.address-prefix", System.getProperty("local.address-prefix", "127.78"));
    String tenant = "demo-project";
    Secret password = Secret.of("demo-" + UUID.randomUUID());
    Duration timeout = Duration.ofMinutes(2);
    try (Steward steward = Steward.builder().properties(properties).start()) {
      Instance created =
          steward
              .instances()
              .create(
                  CreateInstanceRequest.named(tenant, "etcd-demo", "etcd")
                      .withDatabases(List.of(DatabaseSpec.named("app")))
                      .withUsers(List.of(new UserSpec(UserRef.of("app"), password, List.of("app")))));
      Instance active =
          steward.instances().await(tenant, created.id(), EnumSet.of(InstanceState.ACTIVE), timeout);
      String address = active.address().orElseThrow();
      System.out.println("ACTIVE " + active.id() + " etcd at http://" + address + ":2379");
      System.out.println("Read back as app: " + writeAndRead(address, password));
      steward.operations().awaitSuccess(steward.instances().delete(tenant, active.id()).id(), timeout);
      System.out.println("DELETED " + active.id());
    }
  }

  /** Authenticates as {@code app}, puts {@code /app/greeting} and ranges it back. */
  private static String writeAndRead(String address, Secret password) throws Exception {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    String base = "http://" + address + ":2379/v3/";
    String token =
        field(post(client, base + "auth/authenticate",
            "{\"name\":\"app\",\"password\":\"" + password.reveal() + "\"}", null), "token");
    String key = Base64.getEncoder().encodeToString("/app/greeting".getBytes());
    String value = Base64.getEncoder().encodeToString("hello from etcd".getBytes());
    post(client, base + "kv/put", "{\"key\":\"" + key + "\",\"value\":\"" + value + "\"}", token);
    String range = post(client, base + "kv/range", "{\"key\":\"" + key + "\"}", token);
    return new String(Base64.getDecoder().decode(field(range, "value")));
  }

  private static String post(HttpClient client, String url, String body, String token)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", token);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
  }

  /** The first string member {@code name} of a flat JSON reply (enough for a demo). */
  private static String field(String json, String name) {
    int start = json.indexOf("\"" + name + "\":\"");
    if (start < 0) {
      throw new IllegalStateException("no " + name + " in etcd's reply: " + json);
    }
    start += name.length() + 4;
    return json.substring(start, json.indexOf('"', start));
  }
}
