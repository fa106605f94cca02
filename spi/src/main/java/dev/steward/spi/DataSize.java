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
package dev.steward.spi;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An amount of bytes, parsed from configuration as {@code 512MB}, {@code 2GB}, {@code 64kB} or a
 * plain number of bytes. Units are binary (1 kB = 1024 B), as engines read them.
 */
public record DataSize(long bytes) {
  private static final Pattern FORMAT = Pattern.compile("(\\d+)\\s*([kKmMgGtT]?[bB]?)");

  public DataSize {
    if (bytes < 0) {
      throw new IllegalArgumentException("bytes is negative");
    }
  }

  public static DataSize ofMegabytes(long megabytes) {
    return new DataSize(megabytes * 1024 * 1024);
  }

  /** Parses a size; returns null-free results or throws {@link IllegalArgumentException}. */
  public static DataSize parse(String text) {
    Matcher matcher = FORMAT.matcher(text.trim());
    if (!matcher.matches()) {
      throw new IllegalArgumentException("not a data size (e.g. 512MB): " + text);
    }
    long number = Long.parseLong(matcher.group(1));
    String unit = matcher.group(2).toUpperCase(Locale.ROOT);
    long factor =
        switch (unit.isEmpty() ? 'B' : unit.charAt(0)) {
          case 'K' -> 1024L;
          case 'M' -> 1024L * 1024;
          case 'G' -> 1024L * 1024 * 1024;
          case 'T' -> 1024L * 1024 * 1024 * 1024;
          default -> 1L;
        };
    return new DataSize(Math.multiplyExact(number, factor));
  }

  public long megabytes() {
    return bytes / (1024 * 1024);
  }
}
