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

import com.mongodb.MongoClientSettings;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoCredential;
import com.mongodb.MongoException;
import com.mongodb.MongoSecurityException;
import com.mongodb.ServerAddress;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.connection.ClusterConnectionMode;
import dev.steward.spi.Secret;
import dev.steward.tck.EngineClient;
import dev.steward.tck.TckEnvironment;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bson.Document;

/**
 * Runs the TCK on the local platform (addresses 127.88.x.y) against the real mongod that {@link
 * MongodRequirement} found, with the MongoDB Java driver as the tenant's client: users authenticate
 * against {@code admin}, reading is a {@code find} on a collection of the database, logging in is a
 * {@code ping}.
 */
final class MongodbTckEnvironment implements TckEnvironment, EngineClient {
  /** Unauthorized: the user may not run the command on this database. */
  private static final int UNAUTHORIZED = 13;

  private static final String COLLECTION = "tck_data";

  @Override
  public String datastore() {
    return MongodbDatastoreFactory.NAME;
  }

  @Override
  public Map<String, String> properties(Path dataDirectory) {
    String mongod =
        MongodRequirement.mongod()
            .map(Path::toString)
            .orElseThrow(() ->
                new IllegalStateException(MongodRequirement.skipReason().orElse("no mongod")));
    return Map.of(
        "local.base-dir",
        dataDirectory.resolve("i").toString(),
        "local.address-prefix",
        "127.88",
        "mongodb.mongod",
        mongod);
  }

  @Override
  public EngineClient client() {
    return this;
  }

  @Override
  public String writeAndRead(
      InetSocketAddress endpoint, String user, Secret password, String database, String value) {
    try (MongoClient client = connect(endpoint, user, password)) {
      MongoCollection<Document> collection = client.getDatabase(database).getCollection(COLLECTION);
      collection.insertOne(new Document("v", value));
      Document found = collection.find(Filters.eq("v", value)).first();
      return found == null ? null : found.getString("v");
    } catch (MongoException e) {
      throw new IllegalStateException(
          "write and read as " + user + " failed: " + e.getClass().getSimpleName(), e);
    }
  }

  @Override
  public boolean canRead(
      InetSocketAddress endpoint, String user, Secret password, String database) {
    try (MongoClient client = connect(endpoint, user, password)) {
      client.getDatabase(database).getCollection(COLLECTION).find().first();
      return true;
    } catch (MongoSecurityException e) {
      return false;
    } catch (MongoCommandException e) {
      if (e.getErrorCode() == UNAUTHORIZED) {
        return false;
      }
      throw new IllegalStateException("unexpected failure reading as " + user, e);
    }
  }

  @Override
  public boolean canLogin(InetSocketAddress endpoint, String user, Secret password) {
    try (MongoClient client = connect(endpoint, user, password)) {
      client.getDatabase("admin").runCommand(new Document("ping", 1));
      return true;
    } catch (MongoSecurityException e) {
      return false;
    } catch (MongoCommandException e) {
      if (e.getErrorCode() == UNAUTHORIZED) {
        return false;
      }
      throw new IllegalStateException("unexpected failure logging in as " + user, e);
    }
  }

  private static MongoClient connect(InetSocketAddress endpoint, String user, Secret password) {
    MongoCredential credential =
        MongoCredential.createCredential(user, "admin", password.reveal().toCharArray());
    return MongoClients.create(
        MongoClientSettings.builder()
            .credential(credential)
            .applyToClusterSettings(cluster ->
                cluster
                    .hosts(List.of(new ServerAddress(endpoint.getHostString(), endpoint.getPort())))
                    .mode(ClusterConnectionMode.SINGLE)
                    .serverSelectionTimeout(10, TimeUnit.SECONDS))
            .applyToSocketSettings(socket -> socket.connectTimeout(10, TimeUnit.SECONDS))
            .build());
  }
}
