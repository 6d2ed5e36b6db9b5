package eu.microcredentials.operator;

/** A one-line progress bar for a rebuild: {@code [#########...........]  45%  4500/10000 events  3400/s  ETA 2s}. */
final class ProgressBar {
    private ProgressBar() {
    }

    static String render(long done, long total, double perSecond, Long etaSeconds, int width) {
        double fraction = total <= 0 ? 1.0 : Math.min(1.0, (double) done / total);
        int filled = (int) Math.round(fraction * width);
        return "[" + "#".repeat(filled) + ".".repeat(width - filled) + "] "
                + String.format("%3d%%  %d/%d events  %.0f/s", Math.round(fraction * 100), done, total, perSecond)
                + (etaSeconds == null ? "" : "  ETA " + etaSeconds + "s");
    }
}
