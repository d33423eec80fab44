package org.medassist.launcher.stream;

import static org.medassist.events.IdentityType.child_in_difficulty;
import static org.medassist.events.IdentityType.de_facto_unsupported_child;
import static org.medassist.events.IdentityType.downsized_1960s_worker;
import static org.medassist.events.IdentityType.entitled_veteran;
import static org.medassist.events.IdentityType.hardship_worker;
import static org.medassist.events.IdentityType.illness_expenditure_hardship;
import static org.medassist.events.IdentityType.marginal_low_income;
import static org.medassist.events.IdentityType.minimum_living;
import static org.medassist.events.IdentityType.monitored_marginal;
import static org.medassist.events.IdentityType.monitored_sudden_hardship;
import static org.medassist.events.IdentityType.monitored_unstable;
import static org.medassist.events.IdentityType.near_low_income_age_group;
import static org.medassist.events.IdentityType.orphan;
import static org.medassist.events.IdentityType.other_designated;
import static org.medassist.events.IdentityType.registered_low_income;
import static org.medassist.events.IdentityType.returned_to_poverty;
import static org.medassist.events.IdentityType.severe_disability;
import static org.medassist.events.IdentityType.special_hardship;
import static org.medassist.events.IdentityType.stable_out_of_poverty;
import static org.medassist.events.IdentityType.temporary_assistance_serious_illness;

import java.time.LocalDate;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.medassist.events.DiseaseGroup;
import org.medassist.events.HospitalLevel;
import org.medassist.events.IdentityType;
import org.medassist.events.Location;
import org.medassist.events.VeteranGroup;

/**
 * The five cities of the synthetic stream: who lives there (the identities their policy knows, weighted like a
 * real register), which year the simulation starts in, which yearly parameters their policy needs, and their
 * hospitals. The weights are plausible shares, not statistics.
 */
public enum Region {
    /** 九江: parameters from per-capita disposable income (class 3/4 deductibles, tilt and monitoring thresholds). */
    JIUJIANG("jiujiang", "JJ", 2023, LocalDate.of(2022, 10, 1), mix(
            special_hardship, 7, orphan, 2, minimum_living, 28, returned_to_poverty, 9, monitored_unstable, 9,
            monitored_marginal, 7, monitored_sudden_hardship, 4, marginal_low_income, 14,
            illness_expenditure_hardship, 12, other_designated, 4),
            List.of(DiseaseGroup.cancer_treatment, DiseaseGroup.esrd_dialysis, DiseaseGroup.severe_mental_illness),
            null),
    /** 济源: 2022 with the figures the document publishes (3,200 / 8,000 / 16,000), so no parameter in 2022. */
    JIYUAN("jiyuan", "JY", 2022, LocalDate.of(2022, 5, 1), mix(
            special_hardship, 9, minimum_living, 28, returned_to_poverty, 9, marginal_low_income, 15,
            monitored_unstable, 8, monitored_marginal, 7, monitored_sudden_hardship, 5,
            illness_expenditure_hardship, 19),
            List.of(DiseaseGroup.esrd_dialysis, DiseaseGroup.cancer_treatment, DiseaseGroup.cml_tki,
                    DiseaseGroup.aplastic_anemia, DiseaseGroup.t1dm_insulin, DiseaseGroup.severe_mental_illness),
            null),
    /** 防城港: tilt on application for monitored people, one-time assistance for 因病支出型 families, residents' alerts. */
    FANGCHENGGANG("fangchenggang", "FC", 2023, LocalDate.of(2022, 8, 1), mix(
            special_hardship, 6, orphan, 2, de_facto_unsupported_child, 2, minimum_living, 24,
            marginal_low_income, 12, monitored_unstable, 9, monitored_marginal, 8, monitored_sudden_hardship, 5,
            returned_to_poverty, 7, stable_out_of_poverty, 11, illness_expenditure_hardship, 8,
            /* residents without an assistance identity (FCG-A14 alerts) */ null, 6),
            List.of(DiseaseGroup.esrd_dialysis, DiseaseGroup.cancer_treatment, DiseaseGroup.thalassemia,
                    DiseaseGroup.hemophilia, DiseaseGroup.transplant_antirejection),
            null),
    /** 南京: tier D's deductible is a published yearly parameter; tier C is 其他优抚 veterans. */
    NANJING("nanjing", "NJ", 2023, LocalDate.of(2023, 1, 1), mix(
            special_hardship, 6, orphan, 2, de_facto_unsupported_child, 2, minimum_living, 28,
            child_in_difficulty, 4, downsized_1960s_worker, 3, hardship_worker, 8, marginal_low_income, 14,
            illness_expenditure_hardship, 15, temporary_assistance_serious_illness, 5, other_designated, 3,
            entitled_veteran, 7),
            List.of(DiseaseGroup.cancer_treatment, DiseaseGroup.esrd_dialysis, DiseaseGroup.transplant_antirejection),
            VeteranGroup.other),
    /** 江阴: one schedule, 门特 registration matters, 建档立卡 year-end top-up after the year_close. */
    JIANGYIN("jiangyin", "JN", 2023, LocalDate.of(2020, 7, 1), mix(
            minimum_living, 24, special_hardship, 6, temporary_assistance_serious_illness, 5,
            downsized_1960s_worker, 3, entitled_veteran, 5, child_in_difficulty, 3, orphan, 2,
            de_facto_unsupported_child, 1, hardship_worker, 8, registered_low_income, 20, severe_disability, 10,
            near_low_income_age_group, 8, other_designated, 5),
            List.of(DiseaseGroup.esrd_dialysis, DiseaseGroup.cancer_treatment, DiseaseGroup.cml_tki),
            VeteranGroup.key);

    private final String id;
    private final String code;
    private final int baseYear;
    private final LocalDate policyStart;
    private final List<Map.Entry<IdentityType, Integer>> identityMix;
    private final int totalWeight;
    private final List<DiseaseGroup> majorDiseases;
    private final VeteranGroup veteranGroup;

    Region(String id, String code, int baseYear, LocalDate policyStart, List<Map.Entry<IdentityType, Integer>> mix,
           List<DiseaseGroup> majorDiseases, VeteranGroup veteranGroup) {
        this.id = id;
        this.code = code;
        this.baseYear = baseYear;
        this.policyStart = policyStart;
        this.identityMix = mix;
        this.totalWeight = mix.stream().mapToInt(Map.Entry::getValue).sum();
        this.majorDiseases = majorDiseases;
        this.veteranGroup = veteranGroup;
    }

    /** The contract's region name, e.g. {@code "jiujiang"}. */
    public String id() {
        return id;
    }

    /** Two letters used in person, claim and event ids. */
    public String code() {
        return code;
    }

    /** The first simulated year. */
    public int baseYear() {
        return baseYear;
    }

    /** The day the region's policy takes effect: no claim is dated before it. */
    public LocalDate policyStart() {
        return policyStart;
    }

    List<DiseaseGroup> majorDiseases() {
        return majorDiseases;
    }

    /** The veterans' group this region's register mostly holds (nanjing: other 其他优抚, jiangyin: key 重点优抚). */
    VeteranGroup veteranGroup() {
        return veteranGroup;
    }

    /** A weighted pick from the register's mix; {@code null} means a resident with no assistance identity. */
    IdentityType pickIdentity(Random rnd) {
        int r = rnd.nextInt(totalWeight);
        for (Map.Entry<IdentityType, Integer> e : identityMix) {
            r -= e.getValue();
            if (r < 0) return e.getKey();
        }
        throw new IllegalStateException("unreachable");
    }

    /** Hospital id, e.g. {@code JJ-H01}. */
    String hospitalId(Hospital h) {
        return code + "-" + h.suffix;
    }

    /**
     * The parameters this region's policy needs for {@code year}: named amounts that are a share of the previous
     * year's per-capita disposable income, and Nanjing's published tier-D deductible. Values grow 6 % a year.
     */
    Map<String, Long> parameters(int year) {
        int y = year - baseYear;
        switch (this) {
            case JIUJIANG:
                return Map.of("per_capita_disposable_income", grow(3_500_000L, y));
            case JIYUAN:
                // 2022: the document's own figures (32,000 × 10 % / 25 % / 50 %), so nothing is sent
                return y == 0 ? Map.of() : Map.of("per_capita_disposable_income", grow(3_200_000L, y));
            case NANJING: {
                long income = grow(7_000_000L, y);
                return Map.of("per_capita_disposable_income", income, "tier_d_deductible", income / 10);
            }
            default:
                return Map.of();
        }
    }

    /** Fen grown by 6 % a year, rounded to 100 yuan. */
    private static long grow(long fen, int years) {
        double v = fen * Math.pow(1.06, years);
        return Math.round(v / 10_000.0) * 10_000L;
    }

    public static Region of(String id) {
        for (Region r : values()) {
            if (r.id.equals(id)) return r;
        }
        throw new IllegalArgumentException("unknown region " + id);
    }

    /** Hospitals every city has: three local levels, a provincial centre and an out-of-province referral centre. */
    enum Hospital {
        CITY_TERTIARY("H01", HospitalLevel.tertiary, Location.in_city),
        CITY_SECONDARY("H02", HospitalLevel.secondary, Location.in_city),
        TOWNSHIP("H03", HospitalLevel.primary, Location.in_city),
        PROVINCIAL("H11", HospitalLevel.tertiary, Location.in_province),
        OUT_OF_PROVINCE("H21", HospitalLevel.tertiary, Location.out_of_province);

        final String suffix;
        final HospitalLevel level;
        final Location location;

        Hospital(String suffix, HospitalLevel level, Location location) {
            this.suffix = suffix;
            this.level = level;
            this.location = location;
        }
    }

    /** Every hospital id of the synthetic stream, for the token configuration. */
    public static List<String> allHospitalIds() {
        List<String> ids = new ArrayList<>();
        for (Region r : values()) {
            for (Hospital h : Hospital.values()) ids.add(r.hospitalId(h));
        }
        return ids;
    }

    private static List<Map.Entry<IdentityType, Integer>> mix(Object... pairs) {
        List<Map.Entry<IdentityType, Integer>> list = new ArrayList<>();
        for (int i = 0; i < pairs.length; i += 2) {
            list.add(new AbstractMap.SimpleImmutableEntry<>((IdentityType) pairs[i], (Integer) pairs[i + 1]));
        }
        return List.copyOf(list);
    }
}
