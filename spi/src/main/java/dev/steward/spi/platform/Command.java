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
package dev.steward.spi.platform;

import static java.util.Objects.requireNonNull;

import dev.steward.spi.Secret;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A command for {@link Host#run(Command)}: an argument list (never a shell string), an environment,
 * optional standard input and a timeout.
 *
 * <p>Secrets go into {@code secretEnvironment} or {@code stdin}, never into {@code arguments}: the
 * arguments of a process are visible to every user through {@code ps}. The host never logs the
 * secret environment nor standard input.
 *
 * @param arguments program and arguments; the program is looked up on the host's PATH unless it is
 *     absolute
 * @param environment extra environment variables
 * @param secretEnvironment extra environment variables holding secrets (e.g. {@code PGPASSWORD})
 * @param stdin bytes written to standard input, then closed; empty means no input
 * @param timeout after which the process is killed and the call fails with a retryable TIMEOUT
 * @param serviceUser run as the instance's unprivileged service user (required for tools that
 *     create files in the data directory, and for engines that refuse root)
 */
public record Command(
    List<String> arguments,
    Map<String, String> environment,
    Map<String, Secret> secretEnvironment,
    Optional<byte[]> stdin,
    Duration timeout,
    boolean serviceUser) {
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

  public Command {
    arguments = List.copyOf(requireNonNull(arguments, "arguments is null"));
    environment = Map.copyOf(requireNonNull(environment, "environment is null"));
    secretEnvironment = Map.copyOf(requireNonNull(secretEnvironment, "secretEnvironment is null"));
    stdin = requireNonNull(stdin, "stdin is null").map(byte[]::clone);
    requireNonNull(timeout, "timeout is null");
    if (arguments.isEmpty()) {
      throw new IllegalArgumentException("arguments is empty");
    }
  }

  /** A command run as the control plane's user, with no input and the default timeout. */
  public static Command of(String... arguments) {
    return of(List.of(arguments));
  }

  public static Command of(List<String> arguments) {
    return new Command(arguments, Map.of(), Map.of(), Optional.empty(), DEFAULT_TIMEOUT, false);
  }

  public Command asServiceUser() {
    return new Command(arguments, environment, secretEnvironment, stdin, timeout, true);
  }

  public Command withTimeout(Duration newTimeout) {
    return new Command(arguments, environment, secretEnvironment, stdin, newTimeout, serviceUser);
  }

  public Command withStdin(byte[] input) {
    return new Command(
        arguments, environment, secretEnvironment, Optional.of(input), timeout, serviceUser);
  }

  public Command withEnvironment(String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(environment);
    copy.put(name, value);
    return new Command(arguments, copy, secretEnvironment, stdin, timeout, serviceUser);
  }

  public Command withSecretEnvironment(String name, Secret value) {
    Map<String, Secret> copy = new LinkedHashMap<>(secretEnvironment);
    copy.put(name, value);
    return new Command(arguments, environment, copy, stdin, timeout, serviceUser);
  }

  public Command withArguments(List<String> more) {
    List<String> copy = new ArrayList<>(arguments);
    copy.addAll(more);
    return new Command(copy, environment, secretEnvironment, stdin, timeout, serviceUser);
  }

  /** A copy of the standard input bytes (the record keeps its own). */
  @Override
  public Optional<byte[]> stdin() {
    return stdin.map(byte[]::clone);
  }

  /** The program's file name, for messages. */
  public String program() {
    return arguments.getFirst();
  }

  @Override
  public String toString() {
    return "Command" + arguments;
  }
}
