package org.medassist.engine.model;

import java.util.List;

/**
 * The names a policy file may use for identities, disease groups, disability kinds and veteran groups: the event
 * contract's vocabularies (docs/contract.md). The contract's Avro enums are the source; a test in {@code schemas}
 * (VocabularyMatchesContractTest) fails the build when this list and the enums differ.
 */
public final class Vocabulary {
    private Vocabulary() {}

    public static final List<String> IDENTITIES = List.of(
            "special_hardship", "orphan", "de_facto_unsupported_child", "child_in_difficulty", "minimum_living",
            "marginal_low_income", "illness_expenditure_hardship", "temporary_assistance_serious_illness",
            "downsized_1960s_worker", "near_low_income_age_group", "other_designated",
            "returned_to_poverty", "monitored_unstable", "monitored_marginal", "monitored_sudden_hardship",
            "stable_out_of_poverty", "registered_low_income",
            "entitled_veteran",
            "hardship_worker",
            "severe_disability");

    public static final List<String> DISEASE_GROUPS = List.of(
            "esrd_dialysis", "hemophilia", "cml_tki", "t1dm_insulin", "mdr_tb", "aplastic_anemia",
            "cancer_treatment", "transplant_antirejection", "severe_mental_illness", "thalassemia", "other");

    public static final List<String> DISABILITY_KINDS = List.of(
            "physical", "intellectual", "mental", "visual", "hearing", "speech", "multiple");

    public static final List<String> VETERAN_GROUPS = List.of("key", "other", "six_categories", "two_categories");

    private static final java.util.Map<String, String> CANONICAL_IDENTITIES = java.util.Map.copyOf(
            IDENTITIES.stream().collect(java.util.stream.Collectors.toMap(s -> s, s -> s)));

    /**
     * The vocabulary's own instance of an identity name, so that equal names compare by reference (every claim
     * compares its person's identities with its tiers' qualifiers); a name outside the vocabulary is returned as is.
     * A fixed table, unlike {@link String#intern}: cheap, and nothing an input sends makes it grow.
     */
    public static String identity(String name) {
        if (name == null) return null;
        String canonical = CANONICAL_IDENTITIES.get(name);
        return canonical != null ? canonical : name;
    }
}
