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
package dev.steward.backup.pgdump;

import static java.util.Objects.requireNonNull;

import dev.steward.spi.StandardErrorCode;
import dev.steward.spi.StewardException;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * The stream format of a {@code pg_dump} backup: the instance's roles as a SQL script, several
 * {@code pg_dump -Fc} archives, one per database, and the databases' owners and grants as a SQL
 * script, in one self-describing stream that is written and read front to back, with no size known
 * in advance. All integers are big-endian; strings are a u16 byte length and UTF-8 bytes.
 *
 * <pre>
 * archive  = magic "STEWARD-PGDUMP" (14 bytes), version u8 (2), roles, database*, access, end
 * roles    = 'R', block*, u32 0      (a psql script: the roles, their attributes and memberships)
 * database = 'D', name, encoding, collate, ctype, block*, u32 0
 * access   = 'A', block*, u32 0      (a psql script: each database's owner and grants)
 * block    = u32 length (1..{@value #MAX_BLOCK}), length bytes of the entry's content
 * end      = 'E', u32 number of databases
 * </pre>
 *
 * Version 1 streams (written before roles were carried) have neither script and are still read.
 *
 * <p>Anything else (another magic or version, a truncated block, bytes after the end, a count that
 * does not match) is {@link PgDumpErrorCode#ARCHIVE_INVALID}. Not thread-safe: one writer or reader
 * per stream.
 */
final class DumpArchive {
  static final byte[] MAGIC = "STEWARD-PGDUMP".getBytes(StandardCharsets.US_ASCII);
  static final int VERSION = 2;
  static final int FIRST_VERSION = 1;
  static final int MAX_BLOCK = 1024 * 1024;
  static final int DATABASE = 'D';
  static final int END = 'E';

  private DumpArchive() {}

  /** An entry of the archive: a database's dump or one of the two scripts. */
  sealed interface Entry permits Database, Script {}

  /** The archive's psql scripts: roles (before the databases) and access (after them). */
  enum Script implements Entry {
    ROLES('R'),
    ACCESS('A');

    final int type;

    Script(int type) {
      this.type = type;
    }
  }

  /** One database of the archive and what CREATE DATABASE needs to recreate it. */
  record Database(String name, String encoding, String collate, String ctype) implements Entry {
    Database {
      requireNonNull(name, "name is null");
      requireNonNull(encoding, "encoding is null");
      requireNonNull(collate, "collate is null");
      requireNonNull(ctype, "ctype is null");
    }
  }

  /** Writes an archive to core's backup stream; never closes it. */
  static final class Writer {
    private final DataOutputStream out;
    private int databases;

    Writer(OutputStream out) {
      this.out = new DataOutputStream(requireNonNull(out, "out is null"));
      write(() -> {
        this.out.write(MAGIC);
        this.out.writeByte(VERSION);
      });
    }

    /**
     * Starts a database; the returned stream frames what is written to it into blocks, and its
     * {@code close} writes the database's terminator (not closing the archive's stream).
     */
    OutputStream database(Database database) {
      write(() -> {
        out.writeByte(DATABASE);
        writeString(out, database.name());
        writeString(out, database.encoding());
        writeString(out, database.collate());
        writeString(out, database.ctype());
      });
      databases++;
      return blocks();
    }

    /** Writes a whole script entry. */
    void script(Script script, byte[] content) {
      write(() -> {
        out.writeByte(script.type);
        try (OutputStream blocks = blocks()) {
          blocks.write(content);
        }
      });
    }

    private OutputStream blocks() {
      return new OutputStream() {
        private boolean closed;

        @Override
        public void write(int b) throws IOException {
          write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
          if (closed) {
            throw new IOException("database block stream is closed");
          }
          for (int done = 0; done < length; ) {
            int block = Math.min(length - done, MAX_BLOCK);
            out.writeInt(block);
            out.write(bytes, offset + done, block);
            done += block;
          }
        }

        @Override
        public void close() throws IOException {
          if (!closed) {
            closed = true;
            out.writeInt(0);
          }
        }
      };
    }

    /** Writes the end record with the number of databases and flushes. */
    void finish() {
      write(() -> {
        out.writeByte(END);
        out.writeInt(databases);
        out.flush();
      });
    }

    private static void write(IoAction action) {
      try {
        action.run();
      } catch (IOException e) {
        throw new StewardException(
            StandardErrorCode.PLATFORM_FAILURE, "Writing the backup stream failed: " + e, e);
      }
    }
  }

  /** Reads an archive from a restore stream, database by database. */
  static final class Reader {
    private final DataInputStream in;
    private final int version;
    private int databases;
    private boolean ended;
    private BlockStream current;

    /** Reads and checks the magic and version. */
    Reader(InputStream in) {
      this.in = new DataInputStream(requireNonNull(in, "in is null"));
      byte[] magic = new byte[MAGIC.length];
      readFully(() -> this.in.readFully(magic));
      if (!Arrays.equals(magic, MAGIC)) {
        throw invalid(
            "the stream does not start with " + new String(MAGIC, StandardCharsets.US_ASCII));
      }
      version = read(this.in::readUnsignedByte);
      if (version != VERSION && version != FIRST_VERSION) {
        throw invalid("unknown version " + version);
      }
    }

    /** The stream's format version: 1 carries no scripts. */
    int version() {
      return version;
    }

    /**
     * The next entry, whose content is then {@link #dump()}; empty at the end record (after
     * checking its count and that nothing follows). The previous entry's blocks must have been read
     * to their end.
     */
    Optional<Entry> next() {
      if (current != null && !current.finished) {
        throw new IllegalStateException("the previous entry was not read to its end");
      }
      current = null;
      if (ended) {
        return Optional.empty();
      }
      int type = read(in::read);
      if (type == END) {
        int count = read(in::readInt);
        if (count != databases) {
          throw invalid(
              "the end record counts " + count + " databases, the stream held " + databases);
        }
        if (read(in::read) != -1) {
          throw invalid("bytes follow the end record");
        }
        ended = true;
        return Optional.empty();
      }
      for (Script script : Script.values()) {
        if (type == script.type && version > FIRST_VERSION) {
          current = new BlockStream();
          return Optional.of(script);
        }
      }
      if (type != DATABASE) {
        throw invalid(
            type < 0 ? "the stream ends without an end record" : "unknown record " + type);
      }
      Database database = new Database(readString(), readString(), readString(), readString());
      databases++;
      current = new BlockStream();
      return Optional.of(database);
    }

    /** The current entry's content (a database's pg_dump output, a script); ends at its end. */
    InputStream dump() {
      if (current == null) {
        throw new IllegalStateException("no current entry");
      }
      return current;
    }

    private String readString() {
      int length = read(in::readUnsignedShort);
      byte[] bytes = new byte[length];
      readFully(() -> in.readFully(bytes));
      return new String(bytes, StandardCharsets.UTF_8);
    }

    /** The blocks of one entry as a stream; close does not close the archive. */
    private final class BlockStream extends InputStream {
      private int left;
      private boolean finished;

      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        int read = read(one, 0, 1);
        return read < 0 ? -1 : one[0] & 0xFF;
      }

      @Override
      public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
          return 0;
        }
        while (left == 0) {
          if (finished) {
            return -1;
          }
          int block = readBlockLength();
          if (block == 0) {
            finished = true;
            return -1;
          }
          left = block;
        }
        int read = in.read(buffer, offset, Math.min(length, left));
        if (read < 0) {
          throw invalid("the stream ends inside a block");
        }
        left -= read;
        return read;
      }

      private int readBlockLength() throws IOException {
        int block;
        try {
          block = in.readInt();
        } catch (EOFException e) {
          throw invalid("the stream ends inside an entry");
        }
        if (block < 0 || block > MAX_BLOCK) {
          throw invalid("a block length of " + block + " bytes");
        }
        return block;
      }
    }

    private static <T> T read(IoSupplier<T> supplier) {
      try {
        return supplier.get();
      } catch (EOFException e) {
        throw invalid("the stream ends early");
      } catch (IOException e) {
        throw new StewardException(
            StandardErrorCode.PLATFORM_FAILURE, "Reading the backup stream failed: " + e, e);
      }
    }

    private static void readFully(IoAction action) {
      read(() -> {
        action.run();
        return null;
      });
    }
  }

  static StewardException invalid(String problem) {
    return new StewardException(
        PgDumpErrorCode.ARCHIVE_INVALID, "Not a valid pg_dump backup stream: " + problem);
  }

  private static void writeString(DataOutputStream out, String value) throws IOException {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    if (bytes.length > 0xFFFF) {
      throw new IllegalArgumentException("string longer than 65535 bytes");
    }
    out.writeShort(bytes.length);
    out.write(bytes);
  }

  @FunctionalInterface
  private interface IoAction {
    void run() throws IOException;
  }

  @FunctionalInterface
  private interface IoSupplier<T> {
    T get() throws IOException;
  }
}
