package org.medassist.kit.query;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.medassist.kit.audit.Audit;
import org.medassist.kit.http.ApiErrors;
import org.medassist.kit.streams.ManagedStreams;

/**
 * Answers a key look-up from the instance that owns the key. {@link #route} finds the owner with
 * {@link KafkaStreams#queryMetadataForKey}; when it is this instance it reads the local store, else it forwards the
 * same GET (path, query, {@code Authorization} and {@code Accept} headers) to the owner's
 * {@code application.server} and relays its answer. While the store is rebalancing, or the owner cannot be reached
 * within {@code medassist.query.forward-timeout} (default 5 s), the answer is 503 with {@code Retry-After}.
 *
 * <p>Forwarded requests carry {@value #FORWARDED_HEADER}; an instance that gets one for a key it does not own (the
 * ownership moved meanwhile) answers 503 rather than forwarding again. Every answer carries
 * {@value #SERVED_BY_HEADER}: the host:port that read its store.
 *
 * <p>Keys are Strings serialized with {@code StringSerializer}, as on every person-keyed topic.
 *
 * <p>A forwarded request carries the caller's bearer token, so between instances it goes over TLS in production
 * (docs/security.md "Interactive queries over TLS"): {@code medassist.query.forward-scheme=https} (the default when
 * {@code micronaut.server.ssl.enabled} is true), the owners' certificates checked against
 * {@code medassist.query.trust-store} (PKCS12 by default; unset: the JVM's trusted CAs) and their host names, which
 * are the hosts of {@code medassist.kafka.application-server}.
 */
@Singleton
@Requires(beans = ManagedStreams.class)
public class InteractiveQueries {
    public static final String FORWARDED_HEADER = "X-Medassist-Forwarded-By";
    public static final String SERVED_BY_HEADER = "X-Medassist-Served-By";

    private static final Serializer<String> KEYS = Serdes.String().serializer();

    private final ManagedStreams streams;
    private final Duration timeout;
    private final HttpClient http;
    private final String scheme;
    private final MeterRegistry meters;

    /** Forwarding over plain HTTP (development, tests). */
    public InteractiveQueries(ManagedStreams streams, Duration timeout, @Nullable MeterRegistry meters) {
        this(streams, timeout, meters, "http", null, null, null);
    }

    /**
     * @param forwardScheme      {@code http} or {@code https}; unset: {@code https} when this server serves TLS
     * @param trustStore         trust store for the owners' certificates (https); unset: the JVM's
     */
    @jakarta.inject.Inject
    public InteractiveQueries(ManagedStreams streams,
                              @Value("${medassist.query.forward-timeout:5s}") Duration timeout,
                              @Nullable MeterRegistry meters,
                              @Value("${medassist.query.forward-scheme:}") @Nullable String forwardScheme,
                              @Value("${medassist.query.trust-store:}") @Nullable String trustStore,
                              @Value("${medassist.query.trust-store-password:}") @Nullable String trustStorePassword,
                              @Value("${medassist.query.trust-store-type:PKCS12}") @Nullable String trustStoreType,
                              @Value("${micronaut.server.ssl.enabled:false}") boolean serverTls) {
        this(streams, timeout, meters, forwardScheme == null || forwardScheme.isBlank() ? (serverTls ? "https" : "http")
                : forwardScheme.trim().toLowerCase(java.util.Locale.ROOT), trustStore, trustStorePassword, trustStoreType);
    }

    InteractiveQueries(ManagedStreams streams, Duration timeout, @Nullable MeterRegistry meters, String scheme,
                       @Nullable String trustStore, @Nullable String trustStorePassword, @Nullable String trustStoreType) {
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("medassist.query.forward-scheme is " + scheme + "; expected http or https");
        }
        this.streams = streams;
        this.timeout = timeout;
        this.meters = meters;
        this.scheme = scheme;
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1);
        if (trustStore != null && !trustStore.isBlank()) {
            if (scheme.equals("http")) {
                throw new IllegalArgumentException("medassist.query.trust-store is set but forwarding is plain http:"
                        + " set medassist.query.forward-scheme=https");
            }
            b.sslContext(sslContext(java.nio.file.Path.of(trustStore.trim()), trustStorePassword,
                    trustStoreType == null || trustStoreType.isBlank() ? "PKCS12" : trustStoreType.trim()));
        }
        this.http = b.build();
    }

    /** An SSL context that trusts the certificates of {@code trustStore} (and checks host names, as HttpClient does). */
    static javax.net.ssl.SSLContext sslContext(java.nio.file.Path trustStore, @Nullable String password, String type) {
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(trustStore)) {
            java.security.KeyStore ks = java.security.KeyStore.getInstance(type);
            ks.load(in, password == null || password.isEmpty() ? null : password.toCharArray());
            javax.net.ssl.TrustManagerFactory tmf =
                    javax.net.ssl.TrustManagerFactory.getInstance(javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            javax.net.ssl.SSLContext ctx = javax.net.ssl.SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read medassist.query.trust-store " + trustStore + ": " + e.getMessage(), e);
        }
    }

    /** {@code http} or {@code https}: how requests are forwarded to the owner of a key. */
    public String forwardScheme() { return scheme; }

    /** Where a key lives right now. */
    public sealed interface Location {
        record Local() implements Location {}

        record Remote(HostInfo host) implements Location {}

        record Unavailable(String reason) implements Location {}
    }

    /** The instance that owns {@code key} in {@code store}. */
    public Location locate(String store, String key) {
        KafkaStreams ks = streams.streams();
        if (ks == null) return new Location.Unavailable("the stream application has not started yet");
        KafkaStreams.State state = ks.state();
        if (state != KafkaStreams.State.RUNNING && state != KafkaStreams.State.REBALANCING) {
            return new Location.Unavailable("the stream application is " + state);
        }
        KeyQueryMetadata md;
        try {
            md = ks.queryMetadataForKey(store, key, KEYS);
        } catch (IllegalStateException | InvalidStateStoreException e) {
            return new Location.Unavailable("store " + store + " is not queryable yet: " + e.getMessage());
        }
        if (md == null || md == KeyQueryMetadata.NOT_AVAILABLE || md.activeHost() == null
                || md.activeHost().equals(HostInfo.unavailable())) {
            return new Location.Unavailable("store " + store + " is rebalancing");
        }
        return md.activeHost().equals(streams.self()) ? new Location.Local() : new Location.Remote(md.activeHost());
    }

    /**
     * The value of {@code key} in this instance's key-value store.
     *
     * @throws StoreUnavailableException while the store is migrating or restoring
     */
    public <V> Optional<V> getLocal(String store, String key) {
        KafkaStreams ks = streams.streams();
        if (ks == null) throw new StoreUnavailableException("the stream application has not started yet");
        try {
            ReadOnlyKeyValueStore<String, V> kv = ks.store(
                    StoreQueryParameters.fromNameAndType(store, QueryableStoreTypes.<String, V>keyValueStore()));
            return Optional.ofNullable(kv.get(key));
        } catch (InvalidStateStoreException e) {
            throw new StoreUnavailableException("store " + store + " is rebalancing: " + e.getMessage());
        }
    }

    /**
     * Answers {@code request} for {@code key}: locally through {@code render} (given the store's value, if any) when
     * this instance owns the key, else by forwarding the request to the owner.
     */
    public <V> MutableHttpResponse<?> route(HttpRequest<?> request, String store, String key,
                                            Function<Optional<V>, MutableHttpResponse<?>> render) {
        Location where = locate(store, key);
        if (where instanceof Location.Unavailable u) return unavailable(u.reason());
        if (where instanceof Location.Remote r) {
            if (request.getHeaders().contains(FORWARDED_HEADER)) {
                return unavailable("the owner of this key moved while the request was forwarded");
            }
            return forward(request, r.host());
        }
        Optional<V> value;
        try {
            value = getLocal(store, key);
        } catch (StoreUnavailableException e) {
            return unavailable(e.getMessage());
        }
        count("local");
        return render.apply(value).header(SERVED_BY_HEADER, selfName());
    }

    MutableHttpResponse<?> forward(HttpRequest<?> request, HostInfo owner) {
        URI original = request.getUri();
        String target = scheme + "://" + owner.host() + ":" + owner.port() + original.getRawPath()
                + (original.getRawQuery() == null ? "" : "?" + original.getRawQuery());
        java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(URI.create(target))
                .timeout(timeout).GET().header(FORWARDED_HEADER, selfName());
        request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION).ifPresent(v -> b.header(HttpHeaders.AUTHORIZATION, v));
        request.getHeaders().getFirst(HttpHeaders.ACCEPT).ifPresent(v -> b.header(HttpHeaders.ACCEPT, v));
        // the owner's audit record carries the same request id as this instance's (docs/security.md, "Audit")
        request.getAttribute(Audit.REQUEST_ID_ATTRIBUTE, String.class).ifPresent(v -> b.header(Audit.REQUEST_ID_HEADER, v));
        java.net.http.HttpResponse<byte[]> answer;
        try {
            answer = http.send(b.build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            return unavailable("the owner " + owner.host() + ":" + owner.port() + " did not answer within " + timeout);
        } catch (IOException e) {
            return unavailable("the owner " + owner.host() + ":" + owner.port() + " cannot be reached: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unavailable("interrupted while forwarding");
        }
        count("forwarded");
        MutableHttpResponse<byte[]> out = HttpResponse.<byte[]>status(io.micronaut.http.HttpStatus.valueOf(answer.statusCode()))
                .body(answer.body());
        answer.headers().firstValue(HttpHeaders.CONTENT_TYPE).ifPresent(out::contentType);
        answer.headers().firstValue("Retry-After").ifPresent(v -> out.header("Retry-After", v));
        out.header(SERVED_BY_HEADER, answer.headers().firstValue(SERVED_BY_HEADER).orElse(owner.host() + ":" + owner.port()));
        return out;
    }

    private MutableHttpResponse<?> unavailable(String reason) {
        count("unavailable");
        return ApiErrors.unavailable(reason, 1).header(SERVED_BY_HEADER, selfName());
    }

    private String selfName() {
        HostInfo h = streams.self();
        return h == null ? "-" : h.host() + ":" + h.port();
    }

    private void count(String outcome) {
        if (meters != null) meters.counter("medassist.query.requests", "outcome", outcome).increment();
    }

    /** The store cannot be read now (rebalancing, restoring); the caller should retry shortly. */
    public static final class StoreUnavailableException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public StoreUnavailableException(String message) {
            super(message);
        }
    }
}
