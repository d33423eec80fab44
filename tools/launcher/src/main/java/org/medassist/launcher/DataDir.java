package org.medassist.launcher;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The run's data directory and what lives in it. Everything a restart needs to resume is here:
 *
 * <pre>
 * kafka/                       the broker's log directory (KRaft metadata, every topic, consumer offsets, transactions)
 * registry/                    the schema registry's H2 database: schema ids stay the same across restarts
 * eligibility-service/state/   Kafka Streams state stores (rebuilt from the changelogs if lost)
 * settlement-service/state/
 * stream/cursor.properties     how far the synthetic stream got
 * person-id-key                the key of the person hashes in the services' logs and on the dashboard
 * logs/                        launcher.log, registry.log, services.log
 * .lock                        held while a run uses the directory
 * </pre>
 */
public final class DataDir implements AutoCloseable {

    private final Path root;
    private FileChannel lockChannel;
    private FileLock lock;

    public DataDir(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    public Path kafka() {
        return root.resolve("kafka");
    }

    public Path registry() {
        return root.resolve("registry");
    }

    public Path serviceState(String service) {
        return root.resolve(service).resolve("state");
    }

    public Path cursor() {
        return root.resolve("stream").resolve("cursor.properties");
    }

    public Path logs() {
        return root.resolve("logs");
    }

    /** Creates the directory and takes its lock: one run per data directory. */
    public void open() {
        try {
            Files.createDirectories(root);
            Files.createDirectories(logs());
        } catch (IOException e) {
            throw new LaunchException("cannot create the data directory " + root + ": " + e.getMessage()
                    + " (choose another with --data-dir DIR)");
        }
        Path lockFile = root.resolve(".lock");
        try {
            lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            lock = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by this very JVM
        } catch (IOException e) {
            throw new LaunchException("cannot lock " + lockFile + ": " + e.getMessage());
        }
        if (lock == null) {
            String holder = "";
            try {
                holder = " (pid " + Files.readString(lockFile).trim() + ")";
            } catch (IOException ignored) {
                // unreadable: say nothing about the holder
            }
            throw new LaunchException("the data directory " + root + " is in use by another bin/run" + holder
                    + ": stop that one, or give this one another directory with --data-dir DIR");
        }
        try {
            lockChannel.truncate(0);
            lockChannel.write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)));
            lockChannel.force(false);
        } catch (IOException ignored) {
            // the pid is only informative
        }
    }

    /** The person-hash key of this data directory, drawn at random on first use and kept. */
    public String personIdKey() {
        Path file = root.resolve("person-id-key");
        try {
            if (Files.exists(file)) {
                String key = Files.readString(file, StandardCharsets.UTF_8).trim();
                if (!key.isEmpty()) return key;
            }
            byte[] k = new byte[32];
            new SecureRandom().nextBytes(k);
            String key = HexFormat.of().formatHex(k);
            Files.writeString(file, key + "\n", StandardCharsets.UTF_8);
            return key;
        } catch (IOException e) {
            throw new LaunchException("cannot read or write " + file + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        try {
            if (lock != null) lock.release();
            if (lockChannel != null) lockChannel.close();
        } catch (IOException ignored) {
            // the process is ending; the OS releases the lock anyway
        }
    }
}
