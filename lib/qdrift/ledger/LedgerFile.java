package qdrift.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import qdrift.cli.ExitCode;
import qdrift.cli.Failure;
import qdrift.report.ReportJson;

/**
 * The ledger on disk: JSON lines, only ever appended. An append reads and writes under an exclusive lock (a file lock
 * between processes, a lock per file inside one JVM) and writes its whole line in one call, so concurrent runs never
 * interleave. A run killed mid-write can leave at most a torn last line: readers skip lines that are not a ledger
 * record (and count them), and the next append starts on a fresh line so the torn one never swallows it.
 */
public final class LedgerFile {
    private static final ObjectMapper JSON = ReportJson.mapper().disable(SerializationFeature.INDENT_OUTPUT);
    private static final Map<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    /** The records in file order, and how many lines were skipped as unreadable (torn by a crash, edited by hand). */
    public record Contents(List<LedgerLine> lines, int skipped) {
    }

    private final Path file;

    public LedgerFile(Path file) {
        this.file = file.toAbsolutePath().normalize();
    }

    public Path path() {
        return file;
    }

    /** Fails fast, before the slow work, when the ledger could not be appended to. */
    public void checkWritable() {
        Path parent = file.getParent();
        if (Files.isDirectory(file)) {
            throw Failure.io("--ledger " + file + " is a folder: name a file, e.g. " + file.resolve("ledger.jsonl"), null);
        }
        if (parent == null || !Files.isDirectory(parent)) {
            throw Failure.io("--ledger " + file + ": folder " + parent + " does not exist: create it first", null);
        }
        if (Files.exists(file) ? !Files.isWritable(file) : !Files.isWritable(parent)) {
            throw Failure.io("--ledger " + file + " is not writable: fix its permissions or pick another file", null);
        }
    }

    /** Every record, for the summary; a missing ledger is an input failure. */
    public Contents read() {
        try {
            return parse(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw Failure.io("ledger " + file + " does not exist: runs write it with drift.java --ledger " + file, e);
        } catch (IOException e) {
            throw Failure.io("cannot read ledger " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Under the lock: reads the ledger, lets {@code next} build this run's line from what is there, appends it and
     * returns it. Nothing else can append between the read and the write.
     */
    public LedgerLine append(Function<Contents, LedgerLine> next) {
        ReentrantLock local = IN_PROCESS.computeIfAbsent(file, f -> new ReentrantLock());
        local.lock();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
             FileLock lock = channel.lock()) {
            byte[] existing = readAll(channel);
            LedgerLine line = next.apply(parse(existing));
            boolean torn = existing.length > 0 && existing[existing.length - 1] != '\n';
            byte[] bytes = ((torn ? "\n" : "") + JSON.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            long position = channel.size();
            while (buffer.hasRemaining()) {
                position += channel.write(buffer, position);
            }
            channel.force(false);
            return line;
        } catch (JsonProcessingException e) {
            throw new Failure(ExitCode.INTERNAL, "cannot write a ledger line: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw Failure.io("cannot append to ledger " + file + ": " + e.getMessage(), e);
        } finally {
            local.unlock();
        }
    }

    private static byte[] readAll(FileChannel channel) throws IOException {
        long size = channel.size();
        if (size > Integer.MAX_VALUE - 16) {
            throw new IOException("the ledger is over 2 GB: start a new one (keep the old one for the record)");
        }
        ByteBuffer buffer = ByteBuffer.allocate((int) size);
        long position = 0;
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, position);
            if (read < 0) {
                break;
            }
            position += read;
        }
        return buffer.array();
    }

    static Contents parse(byte[] bytes) {
        List<LedgerLine> lines = new ArrayList<>();
        int skipped = 0;
        for (String text : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
            if (text.isBlank()) {
                continue;
            }
            LedgerLine line = line(text);
            if (line == null) {
                skipped++;
            } else {
                lines.add(line);
            }
        }
        return new Contents(List.copyOf(lines), skipped);
    }

    private static LedgerLine line(String text) {
        try {
            LedgerLine line = JSON.readValue(text, LedgerLine.class);
            if (line == null || !LedgerLine.SCHEMA.equals(line.schema()) || line.time() == null) {
                return null;
            }
            java.time.Instant.parse(line.time());
            return line;
        } catch (JsonProcessingException | RuntimeException e) {
            return null;
        }
    }
}
