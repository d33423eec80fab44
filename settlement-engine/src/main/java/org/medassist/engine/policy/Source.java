package org.medassist.engine.policy;

/** Where a rule comes from: the document number, the clause and a short verbatim quote. */
public record Source(String document, String clause, String quote, String cite) {

    /** A source whose citation is built once: explanation lines quote it again and again. */
    public Source(String document, String clause, String quote) {
        this(document, clause, quote, document + " " + clause + "「" + quote + "」");
    }

    // cite: "九府办字〔2022〕118号 三（二）「按75%予以救助」", the form used in explanation lines
}
