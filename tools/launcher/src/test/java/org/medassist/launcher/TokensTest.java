package org.medassist.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medassist.events.Department;
import org.medassist.launcher.stream.Principal;
import org.medassist.launcher.stream.Region;

class TokensTest {

    @TempDir
    Path dir;

    @Test
    void everySenderOfTheStreamHasItsOwnToken() {
        Tokens t = Tokens.load(null);
        assertEquals("local-civil-affairs", t.of(Principal.department(Department.civil_affairs)));
        assertEquals("local-hospital-JJ-H01", t.of(Principal.hospital("JJ-H01")));
        assertEquals("local-agency-jiangyin", t.of(Principal.agency("jiangyin")));
        assertEquals("local-admin", t.of(Principal.ADMIN));
        assertEquals(5, t.departments().size());
        var all = new HashSet<String>(t.departments().values());
        all.addAll(t.hospitals(Region.allHospitalIds()).values());
        for (Region r : Region.values()) all.add(t.agency(r.id()));
        all.add(t.admin());
        assertEquals(5 + Region.allHospitalIds().size() + Region.values().length + 1, all.size(), "no two senders share a token");
    }

    @Test
    void aTokensFileOverridesLineByLine() throws Exception {
        Path f = dir.resolve("tokens.properties");
        Files.writeString(f, "department.trade_union=tu-secret\nhospital.NJ-H01=nj-h01-secret\nhospital.*=h-{id}\n");
        Tokens t = Tokens.load(f);
        assertEquals("tu-secret", t.of(Principal.department(Department.trade_union)));
        assertEquals("local-civil-affairs", t.of(Principal.department(Department.civil_affairs)));
        assertEquals("nj-h01-secret", t.of(Principal.hospital("NJ-H01")));
        assertEquals(Map.of("JJ-H02", "h-JJ-H02", "NJ-H01", "nj-h01-secret"), t.hospitals(List.of("JJ-H02")),
                "a hospital with its own line is configured too");

        Files.writeString(f, "admin=\n");
        assertEquals("no token for \"admin\" in the tokens configuration",
                assertThrows(LaunchException.class, () -> Tokens.load(f).admin()).getMessage());
        assertTrue(assertThrows(LaunchException.class, () -> Tokens.load(dir.resolve("missing"))).getMessage()
                .startsWith("cannot read the tokens file"));
    }
}
