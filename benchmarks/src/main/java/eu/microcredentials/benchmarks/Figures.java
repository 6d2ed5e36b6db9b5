package eu.microcredentials.benchmarks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every figure a benchmark run measured, each with the value of every run, in the order they were first measured. */
public final class Figures {
    private final Map<String, Figure> figures = new LinkedHashMap<>();

    /** One measured quantity over several runs: the report gives its median and its spread. */
    public record Figure(String key, String label, String unit, List<Double> values) {
        public double median() {
            List<Double> sorted = values.stream().filter(v -> !v.isNaN()).sorted().toList();
            if (sorted.isEmpty()) {
                return Double.NaN;
            }
            int middle = sorted.size() / 2;
            return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
        }

        public double min() {
            return values.stream().mapToDouble(Double::doubleValue).filter(v -> !Double.isNaN(v)).min().orElse(Double.NaN);
        }

        public double max() {
            return values.stream().mapToDouble(Double::doubleValue).filter(v -> !Double.isNaN(v)).max().orElse(Double.NaN);
        }

        /** (max - min) / median: 0 for a single run. */
        public double spread() {
            double median = median();
            return median == 0 || Double.isNaN(median) ? Double.NaN : (max() - min()) / median;
        }
    }

    synchronized void add(String key, String label, String unit, double value) {
        figures.computeIfAbsent(key, k -> new Figure(key, label, unit, new ArrayList<>())).values().add(value);
    }

    public synchronized Optional<Figure> get(String key) {
        return Optional.ofNullable(figures.get(key));
    }

    public synchronized double median(String key) {
        return get(key).map(Figure::median).orElse(Double.NaN);
    }

    public synchronized Collection<Figure> all() {
        return List.copyOf(figures.values());
    }
}
