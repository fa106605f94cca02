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

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The proof that this is a third-party plugin: its compiled main classes refer to nothing but the
 * JDK, Steward's SPI, the plugin toolkit (a library over the SPI) and the plugin itself. Reads
 * every class file's constant pool (class entries and type descriptors), so imports, fully
 * qualified names and signatures are all covered; the sources are checked too.
 */
class SpiOnlyTest {
  private static final List<String> ALLOWED =
      List.of(
          "java/",
          "javax/annotation/",
          "dev/steward/spi/",
          "dev/steward/toolkit/",
          "org/example/steward/etcd/");
  private static final Pattern DESCRIPTOR_TYPE = Pattern.compile("L([A-Za-z_$][\\w/$]*);");

  @Test
  void mainClassesReferToTheJdkAndTheSpiOnly() throws Exception {
    Path classes =
        Path.of(EtcdPlugin.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<Path> classFiles;
    try (Stream<Path> files = Files.walk(classes)) {
      classFiles = files.filter(path -> path.toString().endsWith(".class")).toList();
    }
    assertThat(classFiles).hasSizeGreaterThan(15);
    TreeSet<String> referenced = new TreeSet<>();
    for (Path classFile : classFiles) {
      try (InputStream in = Files.newInputStream(classFile)) {
        referenced.addAll(referencedTypes(new DataInputStream(in)));
      }
    }
    assertThat(referenced)
        .contains(
            "dev/steward/spi/datastore/DatastoreFactory",
            "dev/steward/toolkit/datastore/DatastorePlugin",
            "java/net/http/HttpClient");
    List<String> foreign =
        referenced.stream().filter(type -> ALLOWED.stream().noneMatch(type::startsWith)).toList();
    assertThat(foreign).as("types outside the JDK, the SPI and the toolkit").isEmpty();
    assertThat(referenced)
        .noneMatch(type -> type.startsWith("dev/steward/core/"))
        .noneMatch(type -> type.startsWith("dev/steward/platform/"))
        .noneMatch(type -> type.startsWith("dev/steward/tck/"));
  }

  @Test
  void theScannerSeesCoreReferencesWhereThereAreSome() throws IOException {
    // Core's own entry point refers to core and to Guice: the scanner must notice both.
    try (InputStream in = dev.steward.core.Steward.class.getResourceAsStream("Steward.class")) {
      List<String> types = referencedTypes(new DataInputStream(in));
      assertThat(types).anyMatch(type -> type.startsWith("dev/steward/core/"));
      assertThat(types).anyMatch(type -> type.startsWith("dev/steward/spi/"));
    }
  }

  @Test
  void sourcesImportNoStewardPackageButTheSpiAndTheToolkit()
      throws IOException, URISyntaxException {
    Path sources = Path.of("src/main/java");
    assertThat(sources).isDirectory();
    List<String> offending = new ArrayList<>();
    try (Stream<Path> files = Files.walk(sources)) {
      for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
        for (String line : Files.readAllLines(file)) {
          if (line.contains("dev.steward.")
              && !line.contains("dev.steward.spi.")
              && !line.contains("dev.steward.toolkit.")) {
            offending.add(file.getFileName() + ": " + line.strip());
          }
        }
      }
    }
    assertThat(offending).isEmpty();
  }

  /** Class names from CONSTANT_Class entries and from descriptors in CONSTANT_Utf8 entries. */
  static List<String> referencedTypes(DataInputStream in) throws IOException {
    if (in.readInt() != 0xCAFEBABE) {
      throw new IOException("not a class file");
    }
    in.readUnsignedShort();
    in.readUnsignedShort();
    int count = in.readUnsignedShort();
    String[] utf8 = new String[count];
    List<Integer> classIndexes = new ArrayList<>();
    List<Integer> descriptorIndexes = new ArrayList<>();
    for (int index = 1; index < count; index++) {
      int tag = in.readUnsignedByte();
      switch (tag) {
        case 1 -> utf8[index] = in.readUTF();
        case 7 -> classIndexes.add(in.readUnsignedShort());
        case 16 -> descriptorIndexes.add(in.readUnsignedShort()); // MethodType
        case 8, 19, 20 -> in.readUnsignedShort(); // String, Module, Package
        case 3, 4 -> in.readInt();
        case 5, 6 -> {
          in.readLong();
          index++; // 8-byte constants take two slots
        }
        case 9, 10, 11, 12, 17, 18 -> in.readInt(); // refs, NameAndType, dynamic
        case 15 -> {
          in.readUnsignedByte();
          in.readUnsignedShort();
        }
        default -> throw new IOException("unknown constant pool tag " + tag);
      }
    }
    List<String> types = new ArrayList<>();
    for (int index : classIndexes) {
      String name = utf8[index];
      Matcher array = DESCRIPTOR_TYPE.matcher(name);
      if (name.startsWith("[")) {
        while (array.find()) {
          types.add(array.group(1));
        }
      } else {
        types.add(name);
      }
    }
    // Field, method and generic signatures: every "L<type>;" in any UTF-8 entry.
    for (String text : utf8) {
      if (text != null && (text.startsWith("(") || text.startsWith("L") || text.startsWith("<"))) {
        Matcher matcher = DESCRIPTOR_TYPE.matcher(text);
        while (matcher.find()) {
          types.add(matcher.group(1));
        }
      }
    }
    return types;
  }
}
