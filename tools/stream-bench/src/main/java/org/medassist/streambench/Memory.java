package org.medassist.streambench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** A worker's memory: peak resident set (the kernel's VmHWM), peak heap in use (sampled), heap in use after a GC. */
final class Memory {
    private volatile long heapPeak;
    private final Thread sampler;

    Memory() {
        sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                sample();
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "memory-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    private void sample() {
        long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        if (used > heapPeak) heapPeak = used;
    }

    /** The figures; {@code gc} asks for a collection first, to read the live heap. */
    Map<String, Object> figures(boolean gc) {
        sample();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rssPeakBytes", status("VmHWM"));
        m.put("rssBytes", status("VmRSS"));
        m.put("heapPeakBytes", heapPeak);
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        m.put("heapMaxBytes", heap.getMax());
        if (gc) {
            System.gc();
            m.put("heapAfterGcBytes", ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return m;
    }

    /** A figure of /proc/self/status in bytes, or -1 where there is none. */
    static long status(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field + ":")) {
                    String[] parts = line.substring(field.length() + 1).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return -1;
    }
}
