package qdrift.lock;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;

/**
 * An exclusive OS lock on one file, saying who holds it: the mechanics drift's repository lock and revert's apply
 * lock share. The lock is released on {@link #close()} or when the process dies (a lock left by a killed run is free
 * at once). OS locks are held per process, so an in-JVM guard keeps threads of one process apart too, and a second
 * channel on a held file is never opened (closing it could drop the process's lock). The file stays behind with the
 * last holder's text. Callers word their own failures: this class knows no exit codes.
 */
public final class LockFile implements AutoCloseable {
    /** How often a waiting caller tries again. */
    static final long POLL_MILLIS = 100;
    private static final Set<Path> HELD_IN_THIS_JVM = new HashSet<>();

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private boolean closed;

    private LockFile(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock on {@code file}, trying again every {@value #POLL_MILLIS} ms until {@code deadlineNanos} (a
     * {@link System#nanoTime()} value; one that has passed tries once). Returns null when another holder keeps it that
     * long. {@code holderText} gives the line written into the file at the moment it is held (pid, machine, since).
     *
     * @throws IOException          the file cannot be opened or locked (folder missing, not writable)
     * @throws InterruptedException the wait was interrupted
     */
    public static LockFile await(Path file, Supplier<String> holderText, long deadlineNanos) throws IOException, InterruptedException {
        Path normal = file.toAbsolutePath().normalize();
        while (true) {
            LockFile taken = tryTake(normal, holderText);
            if (taken != null) {
                return taken;
            }
            if (System.nanoTime() - deadlineNanos >= 0) {
                return null;
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    /** One attempt: the lock, or null when another process or another thread of this one holds it. */
    public static LockFile tryTake(Path file, Supplier<String> holderText) throws IOException {
        Path normal = file.toAbsolutePath().normalize();
        synchronized (HELD_IN_THIS_JVM) {
            if (HELD_IN_THIS_JVM.contains(normal)) {
                return null;
            }
            FileChannel channel = null;
            try {
                channel = FileChannel.open(normal, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock();
                if (lock == null) {
                    channel.close();
                    return null;
                }
                channel.truncate(0);
                channel.write(ByteBuffer.wrap((holderText.get().strip() + "\n").getBytes(StandardCharsets.UTF_8)));
                channel.force(false);
                HELD_IN_THIS_JVM.add(normal);
                return new LockFile(normal, channel, lock);
            } catch (IOException | RuntimeException e) {
                closeQuietly(channel);
                throw e;
            }
        }
    }

    /** What a lock file says about its holder, or {@code unknown} when it is empty or unreadable. */
    public static String holder(Path file, String unknown) {
        try {
            String content = Files.readString(file, StandardCharsets.UTF_8).trim();
            return content.isEmpty() ? unknown : content;
        } catch (IOException e) {
            return unknown;
        }
    }

    /** The held file (absolute, normalised). */
    public Path file() {
        return file;
    }

    @Override
    public void close() {
        synchronized (HELD_IN_THIS_JVM) {
            if (closed) {
                return;
            }
            closed = true;
            HELD_IN_THIS_JVM.remove(file);
            try {
                lock.release();
            } catch (IOException e) {
                // closing the channel below releases it as well
            }
            closeQuietly(channel);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing left to release
            }
        }
    }
}
