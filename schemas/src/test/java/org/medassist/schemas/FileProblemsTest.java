package org.medassist.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medassist.schemas.cli.FileProblems;

class FileProblemsTest {
    @TempDir
    Path dir;

    @Test
    void aMissingDirectoryIsNamedNotTheFileInIt() {
        String file = dir.resolve("nowhere/x.jsonl").toString();
        assertEquals("no such directory: " + dir.resolve("nowhere") + " (for " + file + ")",
                FileProblems.describe(new NoSuchFileException(file)));
    }

    @Test
    void aMissingFileInAnExistingDirectory() {
        String file = dir.resolve("x.jsonl").toString();
        assertEquals("no such file: " + file, FileProblems.describe(new NoSuchFileException(file)));
        assertEquals("permission denied: " + file, FileProblems.describe(new AccessDeniedException(file)));
        assertEquals(file + ": Read-only file system",
                FileProblems.describe(new java.nio.file.FileSystemException(file, null, "Read-only file system")));
    }
}
