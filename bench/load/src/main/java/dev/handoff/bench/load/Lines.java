package dev.handoff.bench.load;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;

import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The lines of one plot and how each is drawn, kept together because JFreeChart styles a series by its index in the
 * dataset. Points without a value (NaN: not measured) are left out rather than drawn at zero, and so are values a log
 * axis cannot show (0 is what an interval without messages writes).
 */
final class Lines {

	/** The main figure of a chart is drawn solid and thick, the others thinner, so the eye finds it first. */
	enum Style {

		MAIN(2.4f, null, 7), SOLID(1.5f, null, 5), DASHED(1.5f, new float[] { 6, 4 }, 5), DOTTED(1.5f, new float[] { 2, 3 }, 5);

		private final BasicStroke stroke;

		private final double marker;

		Style(float width, float[] dash, double marker) {
			this.stroke = new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10, dash, 0);
			this.marker = marker;
		}
	}

	private final XYSeriesCollection data = new XYSeriesCollection();

	private final XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);

	private final boolean logScale;

	private double low = Double.POSITIVE_INFINITY;

	private double high = Double.NEGATIVE_INFINITY;

	Lines(boolean logScale) {
		this.logScale = logScale;
		// one path per series: a dashed line stays dashed across points instead of restarting the dash at each
		this.renderer.setDrawSeriesLineAsPath(true);
	}

	/** Adds a line; a line with no point to draw is left out, legend entry included. */
	Lines add(String name, double[] x, double[] y, Color colour, Style style) {
		XYSeries series = new XYSeries(name, false, true);
		for (int i = 0; i < x.length; i++) {
			if (!Double.isNaN(y[i]) && !(logScale && y[i] <= 0)) {
				series.add(x[i], y[i]);
				low = Math.min(low, y[i]);
				high = Math.max(high, y[i]);
			}
		}
		if (series.isEmpty()) {
			return this;
		}
		int at = data.getSeriesCount();
		data.addSeries(series);
		renderer.setSeriesPaint(at, colour);
		renderer.setSeriesStroke(at, style.stroke);
		renderer.setSeriesShape(at, new Ellipse2D.Double(-style.marker / 2, -style.marker / 2, style.marker, style.marker));
		renderer.setSeriesShapesFilled(at, style == Style.MAIN);
		return this;
	}

	boolean isEmpty() {
		return data.getSeriesCount() == 0;
	}

	/** Lowest value drawn (+infinity when none). */
	double low() {
		return low;
	}

	/** Highest value drawn (-infinity when none). */
	double high() {
		return high;
	}

	void into(XYPlot plot, int index) {
		plot.setDataset(index, data);
		plot.setRenderer(index, renderer);
	}
}
