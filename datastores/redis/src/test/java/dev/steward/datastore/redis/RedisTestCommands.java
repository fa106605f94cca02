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
package dev.steward.datastore.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.ProtocolKeyword;
import io.lettuce.core.protocol.ProtocolVersion;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Raw commands for tests that check what a user may not do. */
final class RedisTestCommands {
  private static final RedisClient CLIENT = newClient();

  private RedisTestCommands() {}

  static RedisClient client() {
    return CLIENT;
  }

  /** Runs a command and returns the server's error reply, or {@code OK:<reply>} when it ran. */
  static String error(RedisCommands<String, String> commands, List<String> command) {
    CommandArgs<String, String> args = new CommandArgs<>(StringCodec.UTF8);
    command.subList(1, command.size()).forEach(args::add);
    try {
      return "OK:"
          + commands.dispatch(
              keyword(command.getFirst()), new StatusOutput<>(StringCodec.UTF8), args);
    } catch (RedisCommandExecutionException e) {
      return String.valueOf(e.getMessage());
    }
  }

  private static ProtocolKeyword keyword(String name) {
    return new ProtocolKeyword() {
      @Override
      public byte[] getBytes() {
        return name.getBytes(StandardCharsets.US_ASCII);
      }

      @Override
      public String toString() {
        return name;
      }
    };
  }

  private static RedisClient newClient() {
    RedisClient client = RedisClient.create();
    client.setOptions(
        ClientOptions.builder()
            .autoReconnect(false)
            .protocolVersion(ProtocolVersion.RESP2)
            .build());
    return client;
  }
}
