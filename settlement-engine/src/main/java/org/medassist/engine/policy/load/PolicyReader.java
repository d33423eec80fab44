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
import java.time.LocalDate;
import java.util.function.Function;
import org.medassist.engine.policy.AlertRule;
import org.medassist.engine.policy.AmountRef;
import org.medassist.engine.policy.ClaimClassifier;
import org.medassist.engine.policy.DisabilitySeverity;
import org.medassist.engine.policy.NamedAmount;
import org.medassist.engine.policy.DecisionBounds;
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

/** One policy file's reading state: the document number and the class, pool and amount names rules refer to. */
final class PolicyReader {
    private final YamlNode root;
    private String document;
    private LocalDate effectiveFrom;
    private final List<String> classNames = new ArrayList<>();
    private List<String> dedPools = List.of();
    private List<String> capPools = List.of();
    private final Map<String, NamedAmount> amounts = new HashMap<>();
    private final Set<String> assistanceIdentities = new LinkedHashSet<>();

    PolicyReader(YamlNode root) { this.root = root; }

    RegionPolicy read() {
        root.only("region", "name", "document", "title", "effectiveFrom", "source", "classes", "deductiblePools",
                "capPools", "amounts", "severeDisability", "timing", "referral", "tiers", "tilt", "oneTime",
                "yearEnd", "otherPayers", "alerts", "recipientsWithoutTier");
        document = root.text("document");
        effectiveFrom = root.get("effectiveFrom").date();
        String region = root.text("region");
        ClaimClassifier classifier = classes(root.get("classes"));
        Pools pools = pools();
        if (root.has("amounts")) for (YamlNode n : root.get("amounts").list()) namedAmount(n);
        DisabilitySeverity severity = root.has("severeDisability") ? severity(root.get("severeDisability")) : null;
        List<Tier> tiers = new ArrayList<>();
        for (YamlNode n : root.get("tiers").list()) tiers.add(tier(n, pools));
        TiltReader tilt = root.has("tilt") ? new TiltReader(this, root.get("tilt")) : null;
        OneTimeAssistance oneTime = root.has("oneTime") ? oneTime(root.get("oneTime")) : null;
        if (root.has("recipientsWithoutTier")) recipientsWithoutTier(root.get("recipientsWithoutTier"));
        YearEndTopUp yearEnd = root.has("yearEnd") ? yearEnd(root.get("yearEnd"), pools) : null;
        OtherPayerRules other = root.has("otherPayers") ? otherPayers(root.get("otherPayers")) : OtherPayerRules.NONE;
        List<AlertRule> alerts = new ArrayList<>();
        if (root.has("alerts")) for (YamlNode n : root.get("alerts").list()) alerts.add(alert(n, region));
        if (alerts.size() > 63) throw root.get("alerts").error("at most 63 alert rules per region");
        return new RegionPolicy(region, root.text("name"), document, root.text("title"),
                effectiveFrom, source(root.get("source")), classifier, pools, List.copyOf(tiers),
                timing(root.get("timing")), referral(root.get("referral")), severity, Map.copyOf(amounts),
                tilt == null ? null : tilt.residual(), tilt == null ? null : tilt.target(), oneTime, yearEnd, other,
                List.copyOf(alerts), Set.copyOf(assistanceIdentities));
    }

    Source source(YamlNode n) {
        n.only("clause", "quote");
        return new Source(document, n.text("clause"), n.text("quote"));
    }

    private ClaimClassifier classes(YamlNode list) {
        List<ClaimClassifier.Rule> rules = new ArrayList<>();
        List<Source> sources = new ArrayList<>();
        for (YamlNode n : list.list()) {
            n.only("key", "kinds", "diseaseGroups", "specialDiseaseRegistered", "source");
            String key = n.text("key");
            int index = classNames.indexOf(key);
            if (index < 0) {
                index = classNames.size();
                classNames.add(key);
                sources.add(source(n.get("source")));
            }
            Set<CareKind> kinds = new LinkedHashSet<>();
            for (YamlNode k : n.get("kinds").list()) kinds.add(k.choice(CareKind.class));
            Set<String> groups = null;
            if (n.has("diseaseGroups")) {
                groups = new LinkedHashSet<>();
                for (YamlNode g : n.get("diseaseGroups").list()) groups.add(Vocabulary.diseaseGroup(g));
            }
            Boolean registered = n.has("specialDiseaseRegistered") ? n.get("specialDiseaseRegistered").bool() : null;
            rules.add(new ClaimClassifier.Rule(index, Set.copyOf(kinds), groups, registered));
        }
        return new ClaimClassifier(classNames, rules, sources);
    }

    int classIndex(YamlNode n) { return classIndex(n, n.text()); }

    int classIndex(YamlNode at, String name) {
        int i = classNames.indexOf(name);
        if (i < 0) throw at.error("unknown claim class \"" + name + "\"; classes: " + String.join(", ", classNames));
        return i;
    }

    private Pools pools() {
        int[] dedOf = new int[classNames.size()];
        int[] capOf = new int[classNames.size()];
        List<Source> dedSources = new ArrayList<>();
        List<Source> capSources = new ArrayList<>();
        dedPools = readPools(root.opt("deductiblePools"), dedOf, dedSources);
        capPools = readPools(root.opt("capPools"), capOf, capSources);
        return new Pools(dedPools, dedOf, dedSources, capPools, capOf, capSources);
    }

    private List<String> readPools(YamlNode list, int[] poolOfClass, List<Source> sources) {
        java.util.Arrays.fill(poolOfClass, -1);
        List<String> names = new ArrayList<>();
        if (list == null) return names;
        for (YamlNode n : list.list()) {
            n.only("key", "classes", "source");
            names.add(n.text("key"));
            sources.add(source(n.get("source")));
            for (YamlNode c : n.get("classes").list()) {
                int cls = classIndex(c);
                if (poolOfClass[cls] >= 0) throw c.error("class " + c.text() + " is already in pool " + names.get(poolOfClass[cls]));
                poolOfClass[cls] = names.size() - 1;
            }
        }
        return List.copyOf(names);
    }

    private void namedAmount(YamlNode n) {
        n.only("key", "percentOfIncome", "published", "source", "values");
        String key = n.text("key");
        int ppm = n.has("percentOfIncome") ? n.get("percentOfIncome").rate() : 0;
        Map<Integer, Long> published = publishedFigures(n);
        if (n.has("values")) {
            if (n.has("percentOfIncome") || n.has("source")) {
                throw n.error("give either values (each with its percentOfIncome or amount, and source) or percentOfIncome and source");
            }
            amounts.put(key, datedValues(n.get("values"), v -> {
                v.only("validFrom", "percentOfIncome", "amount", "source");
                if (v.has("percentOfIncome") == v.has("amount")) throw v.error("give either percentOfIncome or amount");
                return new NamedAmount(key, v.has("percentOfIncome") ? v.get("percentOfIncome").rate() : 0,
                        v.has("amount") ? v.get("amount").yuan() : -1, published, source(v.get("source")), null, null);
            }, NamedAmount::from));
            return;
        }
        if (ppm == 0 && published.isEmpty()) throw n.error("a named amount needs percentOfIncome or published figures");
        amounts.put(key, new NamedAmount(key, ppm, published, source(n.get("source"))));
    }

    private static Map<Integer, Long> publishedFigures(YamlNode n) {
        Map<Integer, Long> published = new HashMap<>();
        if (n.has("published")) {
            for (Map.Entry<String, YamlNode> e : n.get("published").entries().entrySet()) {
                try {
                    published.put(Integer.parseInt(e.getKey()), e.getValue().yuan());
                } catch (NumberFormatException ex) {
                    throw e.getValue().error("\"" + e.getKey() + "\" is not a year");
                }
            }
        }
        return Map.copyOf(published);
    }

    /** Links one value of a dated list to the value in force before it. */
    interface Link<T> {
        T from(T value, LocalDate validFrom, T before);
    }

    /**
     * A figure given as dated values (docs/engine.md, "Dated values"): oldest first, each with its validFrom (the
     * first may omit it: the policy's effectiveFrom) and its own source. Returns the newest, linked to the older.
     */
    <T> T datedValues(YamlNode list, Function<YamlNode, T> one, Link<T> link) {
        List<YamlNode> items = list.list();
        if (items.isEmpty()) throw list.error("a list of dated values needs at least one value");
        T head = null;
        LocalDate previous = null;
        for (int i = 0; i < items.size(); i++) {
            YamlNode item = items.get(i);
            T value = one.apply(item); // checks the value's keys first: a misspelt validFrom is named as such
            if (!item.has("validFrom") && i > 0) {
                throw item.error("missing key \"validFrom\" (only the first value may omit it, and is then in force from effectiveFrom " + effectiveFrom + ")");
            }
            LocalDate from = item.has("validFrom") ? item.get("validFrom").date() : effectiveFrom;
            if (i == 0 && from.isAfter(effectiveFrom)) {
                throw item.get("validFrom").error(from + " is after the policy's effectiveFrom " + effectiveFrom
                        + ": the first value must be in force from the policy's start (omit its validFrom)");
            }
            if (previous != null && !from.isAfter(previous)) {
                throw item.get("validFrom").error(from + " is not after " + previous + ", the validFrom of the value before it:"
                        + " dated values are listed oldest first and no two may take effect on the same day");
            }
            head = link.from(value, from, head);
            previous = from;
        }
        return head;
    }

    /** A yuan figure: {amount: a quoted amount or the key of a named amount, source}, or dated values of those. */
    AmountRef amount(YamlNode n) {
        if (n.has("values")) {
            n.only("values");
            return datedValues(n.get("values"), v -> {
                v.only("validFrom", "amount", "source");
                return amount(v.get("amount"), source(v.get("source")));
            }, (v, day, before) -> v.from(day, before));
        }
        n.only("amount", "source");
        return amount(n.get("amount"), source(n.get("source")));
    }

    /** A rate or bands, or dated values of those. */
    private org.medassist.engine.policy.RateSchedule rate(YamlNode n) {
        if (n.has("values")) {
            n.only("values");
            return datedValues(n.get("values"), v -> RateReader.read(this::source, v, true), (v, day, before) -> v.from(day, before));
        }
        return RateReader.read(this::source, n);
    }

    AmountRef amount(YamlNode a, Source src) {
        String t = a.text();
        if (!t.isEmpty() && (Character.isDigit(t.charAt(0)))) return AmountRef.fixed(a.yuan(), src);
        if (!amounts.containsKey(t)) throw a.error("unknown amount \"" + t + "\"; define it under amounts");
        return AmountRef.named(t, src);
    }

    private DisabilitySeverity severity(YamlNode n) {
        n.only("grades", "source");
        Map<String, Set<Integer>> grades = new HashMap<>();
        for (Map.Entry<String, YamlNode> e : n.get("grades").entries().entrySet()) {
            Set<Integer> set = new LinkedHashSet<>();
            for (YamlNode g : e.getValue().list()) set.add(g.integer());
            grades.put(Vocabulary.disabilityKind(e.getValue(), e.getKey()), Set.copyOf(set));
        }
        return new DisabilitySeverity(Map.copyOf(grades), source(n.get("source")));
    }

    private Timing timing(YamlNode n) {
        n.only("start", "end", "stay", "lookBackMonths", "lookBackFrom", "sources");
        Map<String, Integer> back = new HashMap<>();
        if (n.has("lookBackMonths")) {
            for (Map.Entry<String, YamlNode> e : n.get("lookBackMonths").entries().entrySet()) {
                back.put(Vocabulary.identity(e.getValue(), e.getKey()), e.getValue().integer());
            }
        }
        YamlNode s = n.get("sources").only("start", "end", "stay", "lookBack");
        Timing.LookBackFrom from = n.has("lookBackFrom")
                ? n.get("lookBackFrom").choice(Timing.LookBackFrom.class) : Timing.LookBackFrom.RECOGNITION_DAY;
        return new Timing(n.get("start").choice(Timing.Start.class), n.get("end").choice(Timing.End.class),
                n.get("stay").choice(Timing.Stay.class), Map.copyOf(back), from, source(s.get("start")),
                source(s.get("end")), source(s.get("stay")), back.isEmpty() ? null : source(s.get("lookBack")));
    }

    private Referral referral(YamlNode n) {
        n.only("nonReferred", "hardshipReductionPoints", "source", "hardshipSource");
        String mode = n.text("nonReferred");
        if (!mode.equals("exclude") && !mode.equals("allow")) throw n.get("nonReferred").error("expected exclude or allow");
        int points = n.has("hardshipReductionPoints") ? n.get("hardshipReductionPoints").integer() : 0;
        return new Referral(mode.equals("exclude"), points * 10_000, source(n.get("source")),
                points > 0 ? source(n.get("hardshipSource")) : null);
    }

    private Tier tier(YamlNode n, Pools pools) {
        n.only("key", "label", "qualifiers", "validFrom", "validUntil", "rates", "deductibles", "caps",
                "outOfScopeRelief", "source");
        List<org.medassist.engine.policy.Qualifier> qualifiers = new ArrayList<>();
        for (YamlNode q : n.get("qualifiers").list()) {
            q.only("identity", "groups", "requiresSevereDisability");
            String identity = Vocabulary.identity(q.get("identity"), q.text("identity"));
            assistanceIdentities.add(identity);
            Set<String> groups = q.has("groups") ? Set.copyOf(q.get("groups").texts()) : null;
            boolean severe = q.has("requiresSevereDisability") && q.get("requiresSevereDisability").bool();
            if (severe && !root.has("severeDisability")) throw q.error("requiresSevereDisability needs severeDisability defined");
            qualifiers.add(new org.medassist.engine.policy.Qualifier(identity, groups, severe));
        }
        var rates = new org.medassist.engine.policy.RateSchedule[classNames.size()];
        for (Map.Entry<String, YamlNode> e : n.get("rates").entries().entrySet()) {
            rates[classIndex(e.getValue(), e.getKey())] = rate(e.getValue());
        }
        AmountRef[] deductibles = poolAmounts(n.opt("deductibles"), dedPools);
        AmountRef[] caps = poolAmounts(n.opt("caps"), capPools);
        int relief = 0;
        Source reliefSource = null;
        if (n.has("outOfScopeRelief")) {
            YamlNode r = n.get("outOfScopeRelief").only("rate", "source");
            relief = r.get("rate").rate();
            reliefSource = source(r.get("source"));
        }
        return new Tier(n.text("key"), n.text("label"), List.copyOf(qualifiers),
                n.has("validFrom") ? n.get("validFrom").date() : null,
                n.has("validUntil") ? n.get("validUntil").date() : null, rates, deductibles, caps, relief,
                reliefSource, source(n.get("source")));
    }

    private AmountRef[] poolAmounts(YamlNode map, List<String> poolNames) {
        AmountRef[] out = new AmountRef[poolNames.size()];
        if (map == null) return out;
        for (Map.Entry<String, YamlNode> e : map.entries().entrySet()) {
            int i = poolNames.indexOf(e.getKey());
            if (i < 0) throw e.getValue().error("unknown pool; pools: " + String.join(", ", poolNames));
            out[i] = amount(e.getValue());
        }
        return out;
    }

    private OneTimeAssistance oneTime(YamlNode n) {
        n.only("identity", "lookBackMonths", "defaults", "bounds", "inProvinceOnly", "source", "standardSource");
        String identity = Vocabulary.identity(n.get("identity"), n.text("identity"));
        assistanceIdentities.add(identity);
        YamlNode d = n.get("defaults").only("deductible", "rate", "cap");
        DecisionBounds bounds = n.has("bounds") ? bounds(n.get("bounds")) : null;
        long deductible = d.get("deductible").yuan();
        int rate = d.get("rate").rate();
        long cap = d.get("cap").yuan();
        if (bounds != null) {
            String outside = bounds.refusal(deductible, rate, cap);
            if (outside != null) throw d.error("the defaults must be within the bounds: " + outside);
        }
        return new OneTimeAssistance(identity, n.get("lookBackMonths").integer(), deductible, rate, cap,
                n.has("inProvinceOnly") && n.get("inProvinceOnly").bool(),
                source(n.get("source")), source(n.get("standardSource")), bounds);
    }

    /** {@code bounds: {deductible: {atLeast, atMost}, rate: {…}, cap: {…}, source}}: a county decision's limits. */
    private DecisionBounds bounds(YamlNode n) {
        n.only("deductible", "rate", "cap", "source");
        return new DecisionBounds(range(n, "deductible", false), range(n, "rate", true), range(n, "cap", false),
                source(n.get("source")));
    }

    private static DecisionBounds.Range range(YamlNode bounds, String key, boolean rate) {
        if (!bounds.has(key)) return DecisionBounds.Range.NONE;
        YamlNode r = bounds.get(key).only("atLeast", "atMost");
        Long atLeast = r.has("atLeast") ? (Long) (rate ? (long) r.get("atLeast").rate() : r.get("atLeast").yuan()) : null;
        Long atMost = r.has("atMost") ? (Long) (rate ? (long) r.get("atMost").rate() : r.get("atMost").yuan()) : null;
        if (atLeast != null && atMost != null && atLeast > atMost) throw r.error("atLeast is above atMost");
        return new DecisionBounds.Range(atLeast, atMost);
    }

    /**
     * Identities the document names as recipients (救助对象) without giving them a conventional standard: no tier pays
     * them, but they are not residents either (E14.4: not on a list of 「普通城乡居民」).
     */
    private void recipientsWithoutTier(YamlNode n) {
        n.only("identities", "source");
        source(n.get("source"));
        for (YamlNode i : n.get("identities").list()) assistanceIdentities.add(Vocabulary.identity(i, i.text()));
    }

    private YearEndTopUp yearEnd(YamlNode n, Pools pools) {
        n.only("identity", "classes", "shareOfScope", "capPool", "cap", "source", "capSource");
        Set<Integer> classes = new LinkedHashSet<>();
        for (YamlNode c : n.get("classes").list()) classes.add(classIndex(c));
        int pool = capPools.indexOf(n.text("capPool"));
        if (pool < 0) throw n.get("capPool").error("unknown cap pool; pools: " + String.join(", ", capPools));
        return new YearEndTopUp(Vocabulary.identity(n.get("identity"), n.text("identity")), Set.copyOf(classes),
                n.get("shareOfScope").rate(), pool, n.get("cap").yuan(), source(n.get("source")),
                source(n.get("capSource")));
    }

    private OtherPayerRules otherPayers(YamlNode n) {
        n.only("hospitalBorne", "outOfScopeKpi", "residualKpi");
        int[] limits = null;
        Set<CareKind> kinds = Set.of();
        Source borneSource = null;
        if (n.has("hospitalBorne")) {
            YamlNode h = n.get("hospitalBorne").only("limits", "kinds", "source");
            limits = new int[HospitalGrade.values().length];
            YamlNode l = h.get("limits");
            for (HospitalGrade level : HospitalGrade.values()) limits[level.ordinal()] = l.get(level.symbol()).rate();
            Set<CareKind> k = new LinkedHashSet<>();
            for (YamlNode x : h.get("kinds").list()) k.add(x.choice(CareKind.class));
            kinds = Set.copyOf(k);
            borneSource = source(h.get("source"));
        }
        YamlNode oos = n.has("outOfScopeKpi") ? n.get("outOfScopeKpi").only("share", "source") : null;
        YamlNode res = n.has("residualKpi") ? n.get("residualKpi").only("share", "source") : null;
        return new OtherPayerRules(limits, kinds, borneSource, oos == null ? 0 : oos.get("share").rate(),
                oos == null ? null : source(oos.get("source")), res == null ? 0 : res.get("share").rate(),
                res == null ? null : source(res.get("source")));
    }

    private AlertRule alert(YamlNode n, String region) {
        n.only("key", "measure", "threshold", "comparison", "population", "recipients", "source");
        String key = n.text("key");
        if (!key.startsWith(region + "/")) throw n.get("key").error("alert keys start with the region: " + region + "/…");
        String comparison = n.text("comparison");
        if (!comparison.equals("at_least") && !comparison.equals("above")) {
            throw n.get("comparison").error("expected at_least (以上) or above (超过)");
        }
        YamlNode pop = n.get("population").only("identities", "residents");
        Set<String> identities = new LinkedHashSet<>();
        if (pop.has("identities")) for (YamlNode i : pop.get("identities").list()) identities.add(Vocabulary.identity(i, i.text()));
        boolean residents = pop.has("residents") && pop.get("residents").bool();
        Source src = source(n.get("source"));
        return new AlertRule(key, n.get("measure").choice(AlertRule.Measure.class), amount(n.get("threshold"), src),
                comparison.equals("at_least"), Set.copyOf(identities), residents,
                List.copyOf(n.get("recipients").texts()), src);
    }
}
