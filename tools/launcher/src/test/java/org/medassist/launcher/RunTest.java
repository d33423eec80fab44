package org.medassist.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medassist.launcher.Options.Opt;

/** The launcher's checks before it starts anything (no broker, registry or service is started here). */
class RunTest {

    @TempDir
    Path dir;

    @Test
    void aPortInUseIsReportedWithTheFlagThatChangesIt() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            assertFalse(Run.isFree(port));
            String message = Run.portInUse(Opt.ELIGIBILITY_PORT, port).getMessage();
            assertEquals("port " + port + " (eligibility-service) is already in use on 127.0.0.1 — another bin/run, or another"
                    + " program, holds it. Choose another port with --eligibility-port N (or MEDASSIST_ELIGIBILITY_PORT=N),"
                    + " or 0 for any free port.", message);
        }
    }

    @Test
    void aDataDirectoryServesOneRunAtATime() {
        DataDir first = new DataDir(dir.resolve("data"));
        first.open();
        try {
            DataDir second = new DataDir(dir.resolve("data"));
            LaunchException e = assertThrows(LaunchException.class, second::open);
            assertTrue(e.getMessage().contains("is in use by another bin/run (pid " + ProcessHandle.current().pid() + ")"), e.getMessage());
            assertTrue(e.getMessage().contains("--data-dir"));
        } finally {
            first.close();
        }
        DataDir again = new DataDir(dir.resolve("data"));
        again.open();
        again.close();
    }

    @Test
    void thePersonHashKeyIsKeptInTheDataDirectory() {
        DataDir d = new DataDir(dir);
        String key = d.personIdKey();
        assertEquals(64, key.length());
        assertEquals(key, new DataDir(dir).personIdKey());
        assertTrue(Files.exists(dir.resolve("person-id-key")));
    }

    @Test
    void theRepositoryIsFoundAboveAGivenDirectory() throws Exception {
        Files.createDirectories(dir.resolve("repo/deploy/registry"));
        Files.writeString(dir.resolve("repo/pom.xml"), "<project/>");
        Files.createDirectories(dir.resolve("repo/tools/launcher/target"));
        assertEquals(dir.resolve("repo"), Home.above(dir.resolve("repo/tools/launcher/target")).orElseThrow());
        assertTrue(Home.above(dir).isEmpty());
    }
}
