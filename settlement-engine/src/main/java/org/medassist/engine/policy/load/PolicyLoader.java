package org.medassist.engine.policy.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.medassist.engine.policy.AlertRule;
import org.medassist.engine.policy.AmountRef;
import org.medassist.engine.policy.ClaimClassifier;
import org.medassist.engine.policy.DisabilitySeverity;
import org.medassist.engine.policy.NamedAmount;
import org.medassist.engine.policy.OneTimeAssistance;
import org.medassist.engine.policy.OtherPayerRules;
import org.medassist.engine.policy.PolicyCatalog;
import org.medassist.engine.policy.Pools;
import org.medassist.engine.policy.Referral;
import org.medassist.engine.policy.RegionPolicy;
import org.medassist.engine.policy.Source;
import org.medassist.engine.policy.Tier;
import org.medassist.engine.policy.Timing;
import org.medassist.engine.policy.YearEndTopUp;
import org.medassist.engine.model.CareKind;
import org.medassist.engine.model.HospitalGrade;

/**
 * Loads and validates a region policy file (YAML). Every rule must carry its source; unknown keys, unknown
 * identities, classes or pools are refused with the file and key path in the message.
 */
public final class PolicyLoader {
    /** The policy files shipped on the classpath, one per region. */
    public static final List<String> BUNDLED = List.of("jiujiang", "jiyuan", "fangchenggang", "nanjing", "jiangyin");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private PolicyLoader() {}

    public static PolicyCatalog bundled() {
        List<RegionPolicy> out = new ArrayList<>();
        for (String region : BUNDLED) {
            String file = "policies/" + region + "/policy.yaml";
            try (InputStream in = PolicyLoader.class.getClassLoader().getResourceAsStream(file)) {
                if (in == null) throw new PolicyFileException(file + ": not found on the classpath");
                out.add(load(file, in));
            } catch (IOException e) {
                throw new PolicyFileException(file + ": " + e.getMessage());
            }
        }
        return new PolicyCatalog(out);
    }

    public static RegionPolicy load(String file, InputStream in) throws IOException {
        JsonNode root;
        try {
            root = YAML.readTree(in);
        } catch (IOException e) {
            throw new PolicyFileException(file + ": not valid YAML: " + e.getMessage());
        }
        if (root == null) throw new PolicyFileException(file + ": empty file");
        return new PolicyReader(new YamlNode(file, "", root)).read();
    }
}
