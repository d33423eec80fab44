package org.medassist.dashboard.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The page's Apache ECharts is the pinned release, byte for byte (npm {@code echarts@6.1.0}, {@code dist/echarts.min.js};
 * docs/dashboard-service.md, "The page"), its licence beside it, and the page loads that file and nothing from
 * elsewhere.
 */
class VendoredEchartsTest {
    static final String FILE = "public/vendor/echarts-6.1.0.min.js";
    static final String SHA256 = "b66b25aeb4df84e33199dc21694014d336d222cbd9deb0e5a7c14bd6aa0d0fd0";

    @Test
    void theVendoredFileIsThePinnedRelease() throws Exception {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(FILE)) {
            assertNotNull(in, FILE);
            String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes()));
            assertEquals(SHA256, digest, FILE + " is not npm echarts@6.1.0's dist/echarts.min.js");
        }
        assertNotNull(getClass().getClassLoader().getResource("public/vendor/echarts-6.1.0.LICENSE.txt"));
    }

    @Test
    void thePageLoadsOnlyItsOwnScripts() throws Exception {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("public/index.html")) {
            String html = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(html.contains("src=\"/vendor/echarts-6.1.0.min.js\""), "the pinned ECharts");
            assertTrue(!html.contains("http://") && !html.contains("https://") && !html.contains("//cdn"), "nothing from elsewhere");
        }
    }
}
