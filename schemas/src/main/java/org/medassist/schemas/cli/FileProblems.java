package org.medassist.schemas.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * What the command-line tools ({@code bin/settle}, {@code bin/simulate}) say when a file cannot be opened: which file,
 * and why in words, where the JDK's exceptions carry only the path ("no such file: out/x.jsonl" when it is the
 * directory {@code out} that is missing; "cannot write x: x").
 */
public final class FileProblems {
    private FileProblems() {}

    /** One line naming the file and the reason. */
    public static String describe(IOException e) {
        if (e instanceof NoSuchFileException n && n.getFile() != null) {
            Path file = Path.of(n.getFile());
            Path dir = file.toAbsolutePath().getParent();
            if (dir != null && !Files.isDirectory(dir)) return "no such directory: " + dir + " (for " + n.getFile() + ")";
            return "no such file: " + n.getFile();
        }
        if (e instanceof AccessDeniedException a && a.getFile() != null) return "permission denied: " + a.getFile();
        if (e instanceof FileSystemException f && f.getFile() != null) {
            return f.getFile() + ": " + (f.getReason() != null ? f.getReason() : f.getClass().getSimpleName());
        }
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }
}
