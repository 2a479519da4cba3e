package org.momentumlab.report;

import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.momentumlab.experiment.Num;
import org.momentumlab.experiment.RunSeries;

/**
 * Order-check figures: for each objective and β (runs named {@code objective|beta=β|flow|start}),
 * the global error of heavy ball against each flow and start versus h, on log–log axes, with the
 * fitted slopes in the legend.
 */
final class OrderChart {
    private OrderChart() {
    }

    static boolean applies(List<RunSeries> runs) {
        return runs.stream().anyMatch(r -> r.metrics().has("error") && r.metrics().has("h"));
    }

    static List<XYChart> charts(List<RunSeries> runs) {
        Map<String, List<RunSeries>> panels = new LinkedHashMap<>();
        for (RunSeries r : runs) {
            if (!r.metrics().has("error")) {
                continue;
            }
            String[] p = r.optimizer().split("\\|");
            panels.computeIfAbsent(p[0] + ", " + p[1], k -> new ArrayList<>()).add(r);
        }
        List<XYChart> out = new ArrayList<>();
        panels.forEach((title, list) -> {
            XYChart c = new XYChartBuilder().width(FigureWriter.WIDTH).height(FigureWriter.HEIGHT)
                    .title("Heavy ball vs flows: " + title).xAxisTitle("step size h").yAxisTitle("max error on [t0, T]").build();
            Fonts.style(c.getStyler());
            c.getStyler().setXAxisLogarithmic(true);
            c.getStyler().setYAxisLogarithmic(true);
            c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
            c.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
            c.getStyler().setChartBackgroundColor(Color.WHITE);
            c.getStyler().setPlotBackgroundColor(Color.WHITE);
            int k = 0;
            for (RunSeries r : list) {
                String[] p = r.optimizer().split("\\|");
                String name = p.length > 3 ? p[2] + " flow, " + p[3] + " start" : p[2];
                XYSeries s = c.addSeries(name + ": slope " + Num.sig(r.metrics().last("slope"), 3),
                        r.metrics().column("h"), r.metrics().column("error"));
                s.setLineColor(FigureWriter.PALETTE[k % FigureWriter.PALETTE.length]);
                s.setMarkerColor(FigureWriter.PALETTE[k++ % FigureWriter.PALETTE.length]);
                s.setMarker(SeriesMarkers.CIRCLE);
            }
            out.add(c);
        });
        return out;
    }
}
