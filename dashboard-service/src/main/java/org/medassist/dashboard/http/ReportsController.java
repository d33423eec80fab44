package org.medassist.dashboard.http;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.medassist.dashboard.feed.AlertBook;
import org.medassist.dashboard.feed.TopicReader;
import org.medassist.dashboard.report.FundBook;
import org.medassist.dashboard.report.WatchBook;
import org.medassist.engine.policy.PolicyCatalog;
import org.medassist.engine.policy.RegionPolicy;
import org.medassist.kit.audit.Audit;
import org.medassist.kit.auth.ApiPrincipal;
import org.medassist.kit.http.ApiErrors;

/**
 * Where the fund's money goes, and who is sliding into poverty through medical costs (docs/dashboard-service.md):
 * <ul>
 *   <li>{@code GET /v1/reports/fund?region=&year=}: assistance and tilt by the claim's month, tier and claim class,
 *       with counts, net of adjustments and reversals;</li>
 *   <li>{@code GET /v1/reports/overview?year=}: per city of the token's regions, the year's totals, months and
 *       statuses, and how many persons are over or near a monitoring threshold (the page's figures);</li>
 *   <li>{@code GET /v1/reports/watch?region=&year=}: the persons near or over a threshold.</li>
 * </ul>
 * Scoped like every read of persons ({@link ReadScope}); the watch list's persons go to the audit record, hashed.
 */
@Requires(property = "medassist.dashboard.enabled", notEquals = "false")
@Controller("/v1/reports")
public class ReportsController {
    private final FundBook fund;
    private final WatchBook watch;
    private final AlertBook alerts;
    private final TopicReader reader;
    private final PolicyCatalog catalog;
    private final double nearShare;

    public ReportsController(FundBook fund, WatchBook watch, AlertBook alerts, TopicReader reader, PolicyCatalog catalog,
                             @Value("${medassist.dashboard.near-share:0.8}") double nearShare) {
        if (!(nearShare > 0 && nearShare <= 1)) {
            throw new IllegalArgumentException("medassist.dashboard.near-share must be in (0, 1], not " + nearShare);
        }
        this.fund = fund;
        this.watch = watch;
        this.alerts = alerts;
        this.reader = reader;
        this.catalog = catalog;
        this.nearShare = nearShare;
    }

    @Get(uri = "/fund", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<?> fund(HttpRequest<?> request, @Nullable @QueryValue String region, @Nullable @QueryValue Integer year) {
        Object who = ReadScope.principal(request);
        if (who instanceof MutableHttpResponse<?> refused) return refused;
        ApiPrincipal p = (ApiPrincipal) who;
        region = ReadScope.blankToNull(region);
        if (region == null) return ApiErrors.of(HttpStatus.BAD_REQUEST, "invalid", "region is required");
        if (year == null) return ApiErrors.of(HttpStatus.BAD_REQUEST, "invalid", "year is required");
        MutableHttpResponse<String> refused = ReadScope.regionRefusal(p, region, catalog);
        if (refused != null) return refused;
        Map<String, Object> body = new LinkedHashMap<>(fund.report(region, year));
        body.put("current", reader.caughtUp());
        return ApiErrors.json(HttpStatus.OK, body);
    }

    @Get(uri = "/overview", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<?> overview(HttpRequest<?> request, @Nullable @QueryValue Integer year) {
        Object who = ReadScope.principal(request);
        if (who instanceof MutableHttpResponse<?> refused) return refused;
        ApiPrincipal p = (ApiPrincipal) who;
        List<Integer> years = fund.years(p::serves);
        int y = year != null ? year : years.isEmpty() ? java.time.Year.now().getValue() : years.get(0);
        List<WatchBook.Watch> watched = watch.watch(p::serves, null, y, nearShare);
        List<Map<String, Object>> cities = new ArrayList<>();
        for (RegionPolicy rp : catalog.all().stream().sorted(java.util.Comparator.comparing(RegionPolicy::region)).toList()) {
            if (!p.serves(rp.region())) continue;
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("region", rp.region());
            c.put("name", rp.name());
            c.put("nameEn", AlertViews.regionNameEn(rp.region()));
            c.putAll(fund.summary(rp.region(), y));
            c.put("alerts", alerts.matching(a -> a.getYear() == y && a.getRegion().equals(rp.region())).size());
            c.put("over", watched.stream().filter(w -> w.region().equals(rp.region()) && w.state().equals("over"))
                    .map(WatchBook.Watch::personId).distinct().count());
            c.put("near", watched.stream().filter(w -> w.region().equals(rp.region()) && w.state().equals("near"))
                    .map(WatchBook.Watch::personId).distinct().count());
            cities.add(c);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("year", y);
        body.put("years", years);
        body.put("current", reader.caughtUp());
        body.put("regions", cities);
        return ApiErrors.json(HttpStatus.OK, body);
    }

    @Get(uri = "/watch", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<?> watch(HttpRequest<?> request, @Nullable @QueryValue String region, @Nullable @QueryValue Integer year,
                                 @Nullable @QueryValue Integer limit) {
        Object who = ReadScope.principal(request);
        if (who instanceof MutableHttpResponse<?> refused) return refused;
        ApiPrincipal p = (ApiPrincipal) who;
        region = ReadScope.blankToNull(region);
        MutableHttpResponse<String> refused = ReadScope.regionRefusal(p, region, catalog);
        if (refused != null) return refused;
        if (year == null) return ApiErrors.of(HttpStatus.BAD_REQUEST, "invalid", "year is required");
        if (limit != null && (limit < 1 || limit > 10_000)) {
            return ApiErrors.of(HttpStatus.BAD_REQUEST, "invalid", "limit must be from 1 to 10000, not " + limit);
        }
        int max = limit == null ? 500 : limit;
        List<WatchBook.Watch> all = watch.watch(p::serves, region, year, nearShare);
        List<WatchBook.Watch> shown = all.subList(0, Math.min(max, all.size()));
        Audit.persons(request, shown.stream().map(WatchBook.Watch::personId).toList());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("region", region);
        body.put("year", year);
        body.put("nearShare", nearShare);
        body.put("over", all.stream().filter(w -> w.state().equals("over")).count());
        body.put("near", all.stream().filter(w -> w.state().equals("near")).count());
        body.put("persons", shown.stream().map(WatchBook.Watch::view).toList());
        return ApiErrors.json(HttpStatus.OK, body);
    }
}
