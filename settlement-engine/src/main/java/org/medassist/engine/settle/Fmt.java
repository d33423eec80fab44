package org.medassist.engine.settle;

import org.medassist.engine.money.Money;

/** Short formatting helpers for explanation lines. */
final class Fmt {
    private Fmt() {}

    static String y(long fen) { return Money.format(fen); }
}
