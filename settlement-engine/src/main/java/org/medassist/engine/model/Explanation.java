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

    @Override
    public String get(int index) { return lines().get(index); }

    @Override
    public int size() { return lines().size(); }
}
