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
package dev.steward.platform.local;

import dev.steward.spi.PluginConfig;
import dev.steward.spi.platform.Platform;
import dev.steward.spi.platform.PlatformContext;
import dev.steward.spi.platform.PlatformFactory;
import java.nio.file.Path;
import java.util.Map;

/**
 * Creates the {@link LocalPlatform} named {@code local}. Core calls {@link #create} once at boot on
 * the booting thread; properties are read below the prefix {@code local.}.
 */
public final class LocalPlatformFactory implements PlatformFactory {
  public static final String NAME = "local";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Platform create(PlatformContext context) {
    return LocalPlatform.start(LocalPlatformConfig.from(context));
  }

  /**
   * A standalone local platform in a private directory: instances under {@code directory/i},
   * objects under {@code directory/o}, addresses {@code addressPrefix.x.y}, supervision every 100
   * ms, and every server stopped when the platform closes (nothing outlives a tool or a test).
   */
  public static Platform inDirectory(Path directory, String addressPrefix) {
    return standalone(
        new PluginConfig(
            NAME,
            Map.of(
                "base-dir",
                directory.resolve("i").toString(),
                "object-store-dir",
                directory.resolve("o").toString(),
                "address-prefix",
                addressPrefix,
                "supervise-interval",
                "100ms",
                "stop-servers-on-close",
                "true")),
        directory);
  }

  /**
   * A local platform outside a control plane (tools, strategy and engine tests): {@code config}
   * holds the {@code local.*} properties without their prefix, {@code dataDirectory} is where its
   * state lives. The caller closes it.
   */
  public static Platform standalone(PluginConfig config, Path dataDirectory) {
    return new LocalPlatformFactory()
        .create(
            new PlatformContext() {
              @Override
              public PluginConfig config() {
                return config;
              }

              @Override
              public Path dataDirectory() {
                return dataDirectory;
              }
            });
  }
}
