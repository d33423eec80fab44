package org.medassist.engine.policy.load;

import java.util.Map;
import java.util.Optional;

/**
 * One region's directory of policy data: {@code policy.yaml}, and beside it the region's {@code cases.yaml} (worked
 * cases with expected amounts) and {@code coverage.yaml} (what each clause of the document became) when present.
 *
 * @param region   the directory name, which the policy's {@code region} must equal
 * @param location where it was read from, for messages ({@code classpath:policies/nanjing}, a directory path)
 * @param files    file name → UTF-8 text
 */
public record PolicySource(String region, String location, Map<String, String> files) {
    public static final String POLICY = "policy.yaml";
    public static final String CASES = "cases.yaml";
    public static final String COVERAGE = "coverage.yaml";

    public String policy() { return files.get(POLICY); }

    public Optional<String> file(String name) { return Optional.ofNullable(files.get(name)); }

    /** The file's name for messages: {@code classpath:policies/nanjing/policy.yaml}. */
    public String describe(String name) { return location + "/" + name; }
}
