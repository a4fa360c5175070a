package dev.stockbridge.journal;

import dev.stockbridge.InvalidValueException;
import dev.stockbridge.spi.Ledger;
import dev.stockbridge.store.AtomicFile;
import dev.stockbridge.store.RecordLog;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reading the journal's files: a log's records with their times, and the ledger identity. Stateless. */
final class JournalFiles {

  private JournalFiles() {}

  /**
   * The directory's ledger: read from {@code ledger.id}, or created there (durably, before any
   * movement is journaled under it). A journal that already holds records but no identity was
   * written before ledgers had one: its new ledger adopts the single-number marker it wrote.
   */
  static Ledger ledger(Path directory, boolean upgraded) {
    Path idFile = directory.resolve(FileJournal.LEDGER_FILE);
    try {
      if (Files.exists(idFile)) {
        String[] stored = Files.readString(idFile, StandardCharsets.UTF_8).strip().split(" ");
        return new Ledger(stored[0], stored.length > 1 && stored[1].equals("adopts-legacy-marker"));
      }
      Ledger created = Ledger.random(upgraded);
      String text = created.id() + (upgraded ? " adopts-legacy-marker" : "") + "\n";
      AtomicFile.write(idFile, out -> {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        return null;
      });
      return created;
    } catch (IOException | InvalidValueException e) {
      throw new JournalIoException(idFile, "read or create the ledger identity", e instanceof IOException io ? io : new IOException(e));
    }
  }

  /** Receives a segment's records with the time each movement was accepted. */
  @FunctionalInterface
  interface TimedRecords {
    void record(JournalRecord record, long acceptedAtMillis);
  }

  /**
   * Reads one log, giving each record the latest time stamp before it in the same file (or {@code
   * unknownMillis} before the first).
   */
  static void read(RecordLog log, long unknownMillis, TimedRecords visitor) {
    long[] time = {unknownMillis};
    JournalCodec.Interner interner = new JournalCodec.Interner();
    log.replay((position, body) -> {
      JournalRecord record = decode(log.file(), body, position, interner);
      if (record instanceof JournalRecord.Time stamp) {
        time[0] = stamp.epochMillis();
      }
      visitor.record(record, time[0]);
    });
  }

  private static JournalRecord decode(Path file, ByteBuffer body, long position, JournalCodec.Interner interner) {
    try {
      return JournalCodec.decode(body, interner);
    } catch (IllegalArgumentException | InvalidValueException e) {
      throw new JournalCorruptedException(file, position, "the record is undecodable (" + e + ")");
    }
  }

}
