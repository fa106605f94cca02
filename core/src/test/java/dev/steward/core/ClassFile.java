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
package dev.steward.core;

import static java.util.Objects.requireNonNull;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A compiled class as a dependency source: its name and every class its constant pool names (class
 * entries, and types inside descriptors and generic signatures, so that field, parameter and
 * type-argument types count too). Reads the class file format directly; no library.
 */
record ClassFile(String name, Set<String> references) {
  private static final Pattern DESCRIBED = Pattern.compile("L([A-Za-z0-9_$/]+)[;<]");
  private static final int MAGIC = 0xCAFEBABE;

  ClassFile {
    requireNonNull(name, "name is null");
    references = Set.copyOf(references);
  }

  /** The package, dotted ({@code dev.steward.core.backup}). */
  String packageName() {
    return packageOf(name);
  }

  static String packageOf(String className) {
    int dot = className.lastIndexOf('.');
    return dot < 0 ? "" : className.substring(0, dot);
  }

  /** Every class file below {@code root} (a class-path directory). */
  static List<ClassFile> readAll(Path root) throws IOException {
    List<ClassFile> classes = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(path -> path.toString().endsWith(".class")).toList()) {
        try (InputStream input = Files.newInputStream(file)) {
          classes.add(read(input));
        }
      }
    }
    return classes;
  }

  static ClassFile read(InputStream stream) throws IOException {
    DataInputStream input = new DataInputStream(stream);
    if (input.readInt() != MAGIC) {
      throw new IOException("not a class file");
    }
    input.readUnsignedShort(); // minor version
    input.readUnsignedShort(); // major version
    int count = input.readUnsignedShort();
    String[] texts = new String[count];
    int[] classNames = new int[count];
    for (int index = 1; index < count; index++) {
      int tag = input.readUnsignedByte();
      switch (tag) {
        case 1 -> texts[index] = input.readUTF();
        case 7 -> classNames[index] = input.readUnsignedShort();
        case 8, 16, 19, 20 -> input.readUnsignedShort();
        case 3, 4, 9, 10, 11, 12, 17, 18 -> input.readInt();
        case 5, 6 -> {
          input.readLong();
          index++; // eight-byte constants take two entries
        }
        case 15 -> {
          input.readUnsignedByte();
          input.readUnsignedShort();
        }
        default -> throw new IOException("unknown constant pool tag " + tag);
      }
    }
    input.readUnsignedShort(); // access flags
    String name = dotted(texts[classNames[input.readUnsignedShort()]]);
    Set<String> references = new HashSet<>();
    for (int nameIndex : classNames) {
      if (nameIndex == 0) {
        continue;
      }
      String entry = texts[nameIndex];
      if (entry.startsWith("[")) {
        collectDescribed(entry, references);
      } else {
        references.add(dotted(entry));
      }
    }
    for (String text : texts) {
      if (text != null) {
        collectDescribed(text, references);
      }
    }
    references.remove(name);
    return new ClassFile(name, references);
  }

  private static void collectDescribed(String text, Set<String> into) {
    Matcher matcher = DESCRIBED.matcher(text);
    while (matcher.find()) {
      into.add(dotted(matcher.group(1)));
    }
  }

  private static String dotted(String internalName) {
    return internalName.replace('/', '.');
  }
}
