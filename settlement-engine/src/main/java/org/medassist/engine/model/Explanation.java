package org.medassist.engine.model;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.RandomAccess;

/**
 * A settlement's explanation lines, rendered from their {@link Source} when first read and kept by this list: the
 * engine records the few numbers and rule references a line needs while it settles, and the text (formatted yuan,
 * citations) is built only when an output is serialized or inspected. An unmodifiable list; equal to any list with
 * the same lines.
 */
public final class Explanation extends AbstractList<String> implements RandomAccess {
    /** What renders the lines; must give the same lines every time (it reads only values that no longer change). */
    @FunctionalInterface
    public interface Source {
        void renderTo(List<String> lines);

        /** Renders the same lines into {@code sink}; by default through {@link #renderTo(List)}. */
        default void renderTo(Lines sink) {
            List<String> rendered = new ArrayList<>(8);
            renderTo(rendered);
            for (String line : rendered) {
                sink.begin().append(line);
                sink.end();
            }
        }
    }

    /**
     * Takes rendered lines one at a time, each appended to a builder the sink gives, so that a writer can copy a line
     * out without a String being made for it.
     */
    public interface Lines {
        /** An empty builder for the next line. */
        StringBuilder begin();

        /** The line appended to the builder {@link #begin()} gave is whole. */
        void end();

        /**
         * Appends {@code text} to the line begun, as {@code b.append(text)} does (the default): for texts that recur
         * from line to line (a policy's citations), which a writer may keep encoded and copy instead. {@code b} is
         * the builder {@link #begin()} gave; a writer may take out what it holds first, so only append to the builder
         * this returns.
         */
        default StringBuilder constant(StringBuilder b, String text) { return b.append(text); }

        /** A sink that adds each line to {@code lines} as a String. */
        static Lines into(List<String> lines) {
            StringBuilder b = new StringBuilder(160);
            return new Lines() {
                @Override
                public StringBuilder begin() {
                    b.setLength(0);
                    return b;
                }

                @Override
                public void end() { lines.add(b.toString()); }
            };
        }
    }

    private final Source source;
    private List<String> lines;

    public Explanation(Source source) { this.source = source; }

    private List<String> lines() {
        List<String> l = lines;
        if (l == null) {
            List<String> rendered = new ArrayList<>(8);
            source.renderTo(rendered);
            l = lines = List.copyOf(rendered);
        }
        return l;
    }

    /**
     * Renders the lines into {@code sink}: the kept lines when they were read already, else from the source, without
     * keeping them (a writer that only copies the text out makes no String per line).
     */
    public void renderTo(Lines sink) {
        List<String> l = lines;
        if (l == null) {
            source.renderTo(sink);
            return;
        }
        for (String line : l) {
            sink.begin().append(line);
            sink.end();
        }
    }

    @Override
    public String get(int index) { return lines().get(index); }

    @Override
    public int size() { return lines().size(); }
}
