package edu.studentrecords.benchmarks.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * Draws a {@link ChartPlan} as a horizontal bar chart in a PNG: one group of bars per row of the table, the value on
 * every bar, baseline rows and baseline columns in grey, and a legend that names the grey. Needs no display
 * ({@code java.awt.headless=true}).
 */
final class BarChart {

    static final int WIDTH = 1100;
    static final Color BASELINE = new Color(0x9a, 0x9a, 0x9a);
    private static final Color[] MEASURED = {new Color(0x1f, 0x5f, 0xa8), new Color(0xd9, 0x6b, 0x1a),
        new Color(0x3a, 0x8c, 0x3f)};
    private static final Font LABELS = new Font(Font.SANS_SERIF, Font.PLAIN, 13);

    private BarChart() {
    }

    /** Writes the chart to {@code png}, creating its folder. */
    static void write(ChartPlan plan, Path png, String subtitle) throws IOException {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (int s = 0; s < plan.series().size(); s++) {
            for (int c = 0; c < plan.categories().size(); c++) {
                data.addValue(plan.values().get(s).get(c), plan.series().get(s), plan.categories().get(c));
            }
        }
        CategoryAxis rows = new CategoryAxis(null);
        rows.setTickLabelFont(LABELS);
        rows.setMaximumCategoryLabelWidthRatio(0.42f);
        rows.setMaximumCategoryLabelLines(3);
        rows.setCategoryMargin(0.25);
        NumberAxis values = new NumberAxis(plan.valueAxis() + ": " + plan.reading());
        values.setLabelFont(LABELS.deriveFont(Font.BOLD));
        values.setTickLabelFont(LABELS);
        values.setNumberFormatOverride(grouped());
        values.setUpperMargin(0.18);

        BarRenderer bars = new Bars(plan);
        bars.setBarPainter(new StandardBarPainter());
        bars.setShadowVisible(false);
        bars.setItemMargin(0.05);
        bars.setMaximumBarWidth(0.12);
        bars.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}", grouped()));
        bars.setDefaultItemLabelsVisible(true);
        bars.setDefaultItemLabelFont(LABELS);
        bars.setDefaultPositiveItemLabelPosition(new ItemLabelPosition(ItemLabelAnchor.OUTSIDE3, TextAnchor.CENTER_LEFT));

        CategoryPlot plot = new CategoryPlot(data, rows, values, bars);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        plot.setRangeAxisLocation(AxisLocation.BOTTOM_OR_LEFT);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(0xd0, 0xd0, 0xd0));
        plot.setRangeGridlineStroke(new BasicStroke(1f));
        plot.setOutlineVisible(false);
        plot.setFixedLegendItems(legend(plan));

        JFreeChart chart = new JFreeChart(plan.title(), new Font(Font.SANS_SERIF, Font.BOLD, 17), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        chart.getLegend().setPosition(RectangleEdge.TOP);
        chart.getLegend().setItemFont(LABELS);
        TextTitle under = new TextTitle(subtitle, LABELS.deriveFont(Font.ITALIC, 12f));
        under.setPaint(Color.DARK_GRAY);
        chart.addSubtitle(under);

        Files.createDirectories(png.toAbsolutePath().getParent());
        ChartUtils.saveChartAsPNG(png.toFile(), chart, WIDTH, height(plan));
    }

    /** Tall enough for every bar and a row name of three lines. */
    static int height(ChartPlan plan) {
        int perRow = Math.max(48, 24 * plan.series().size() + 18);
        return 190 + perRow * plan.categories().size();
    }

    private static LegendItemCollection legend(ChartPlan plan) {
        LegendItemCollection items = new LegendItemCollection();
        int colour = 0;
        for (String series : plan.series()) {
            if (!plan.baselineSeries().contains(series)) {
                items.add(new LegendItem(series, MEASURED[colour++ % MEASURED.length]));
            }
        }
        String baseline = plan.baselineSeries().isEmpty() ? "baseline (rows marked \"(baseline)\")"
            : String.join(", ", plan.baselineSeries());
        if (!plan.baselineSeries().isEmpty() || !plan.baselineCategories().isEmpty()) {
            items.add(new LegendItem(baseline, BASELINE));
        }
        return items;
    }

    private static DecimalFormat grouped() {
        return new DecimalFormat("#,##0.##", DecimalFormatSymbols.getInstance(Locale.ROOT));
    }

    /** Grey for a baseline row or column, else the column's own colour. */
    private static final class Bars extends BarRenderer {
        private static final long serialVersionUID = 1L;
        private final transient ChartPlan plan;

        Bars(ChartPlan plan) {
            this.plan = plan;
        }

        @Override
        public Paint getItemPaint(int row, int column) {
            String series = plan.series().get(row);
            if (plan.baselineSeries().contains(series)
                || plan.baselineCategories().contains(plan.categories().get(column))) {
                return BASELINE;
            }
            List<String> measured = plan.series().stream().filter(s -> !plan.baselineSeries().contains(s)).toList();
            return MEASURED[measured.indexOf(series) % MEASURED.length];
        }
    }
}
