package org.medassist.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TransactionListing;

/**
 * What a service that does not become healthy is doing, written next to its log: its {@code /health} answer (the
 * Streams state, threads and tasks), a thread dump ({@code jcmd Thread.print}), the broker's open transactions and
 * the consumer group.
 */
final class Diagnostics {
    private Diagnostics() {}

    static Path dump(Cluster cluster, Cluster.Service s) {
        Path out = s.process().log().resolveSibling(s.name() + "-stuck-" + s.process().starts() + ".txt");
        StringBuilder sb = new StringBuilder("=== " + Instant.now() + " " + s.name() + " (pid " + s.process().pid() + ") not healthy\n");
        sb.append("--- GET /health\n").append(health(s)).append('\n');
        sb.append("--- transactions\n").append(transactions(cluster)).append('\n');
        sb.append("--- thread dump\n").append(threads(s.process().pid())).append('\n');
        try {
            Files.writeString(out, sb, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            return null;
        }
        return out;
    }

    private static String health(Cluster.Service s) {
        try {
            HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + "/health")).timeout(Duration.ofSeconds(5)).GET().build();
            HttpResponse<String> r = HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString());
            return r.statusCode() + " " + r.body();
        } catch (IOException | InterruptedException e) {
            return "no answer: " + e;
        }
    }

    private static String transactions(Cluster cluster) {
        StringBuilder sb = new StringBuilder();
        try (Admin admin = cluster.admin(Duration.ofSeconds(10))) {
            for (TransactionListing l : admin.listTransactions().all().get(10, TimeUnit.SECONDS)) {
                sb.append(l.transactionalId()).append(' ').append(l.state()).append(" producer ").append(l.producerId());
                try {
                    var d = admin.describeTransactions(java.util.List.of(l.transactionalId())).all().get(10, TimeUnit.SECONDS).get(l.transactionalId());
                    sb.append(" started ").append(d.transactionStartTimeMs().isPresent() ? Instant.ofEpochMilli(d.transactionStartTimeMs().getAsLong()) : "-")
                            .append(" timeout ").append(d.transactionTimeoutMs()).append(" ms partitions ").append(d.topicPartitions());
                } catch (Exception e) {
                    sb.append(" (").append(e).append(')');
                }
                sb.append('\n');
            }
        } catch (Exception e) {
            sb.append("cannot list: ").append(e);
        }
        return sb.toString();
    }

    private static String threads(long pid) {
        try {
            Process p = new ProcessBuilder("jcmd", Long.toString(pid), "Thread.print").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(30, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            return "jcmd failed: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
