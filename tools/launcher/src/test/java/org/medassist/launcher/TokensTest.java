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
import org.medassist.engine.policy.load.PolicyLoader;
import org.medassist.simulator.City;
import org.medassist.simulator.Principal;
import org.medassist.simulator.SimulationConfig;
import org.medassist.simulator.SyntheticStream;

class TokensTest {

    @TempDir
    Path dir;

    @Test
    void everySenderOfTheStreamHasItsOwnToken() {
        Tokens t = Tokens.load(null);
        assertEquals("local-civil-affairs", t.of(Principal.department(Department.civil_affairs)));
        assertEquals("local-hospital-JIUJIANG-H01", t.of(Principal.hospital("JIUJIANG-H01")));
        assertEquals("local-agency-jiangyin", t.of(Principal.agency("jiangyin")));
        assertEquals("local-admin", t.of(Principal.ADMIN));
        assertEquals(5, t.departments().size());
        SyntheticStream stream = new SyntheticStream(PolicyLoader.bundled(), SimulationConfig.of(42, 10, 1));
        var all = new HashSet<String>(t.departments().values());
        all.addAll(t.hospitals(stream.hospitalIds()).values());
        for (City c : stream.cities()) all.add(t.agency(c.region()));
        all.add(t.admin());
        assertEquals(5 + stream.hospitalIds().size() + stream.cities().size() + 1, all.size(), "no two senders share a token");
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
