package dev.handoff.bench.load;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;

/**
 * The look shared by the bench's charts (white background, grey grid, DejaVu Sans, legend below) and the axes and
 * lines they have in common, so the PNGs in bench/plots read alike.
 */
final class Charts {

	static final int WIDTH = 1000;

	static final int HEIGHT = 620;

	static final Color RED = new Color(0xc0392b);

	static final Color BLUE = new Color(0x2471a3);

	static final Color GREEN = new Color(0x229954);

	static final Color PURPLE = new Color(0x7d3c98);

	static final Color ORANGE = new Color(0xd68910);

	static final Color GREY = new Color(0x566573);

	static final Color BLACK = Color.BLACK;

	/** One colour per run on a chart that compares runs; after the last one they repeat. */
	static final Color[] RUNS = { RED, BLUE, ORANGE, GREEN, PURPLE, GREY };

	private static final String FONT = "DejaVu Sans";

	private static final Font TITLE = new Font(FONT, Font.BOLD, 16);

	private static final Font LABEL = new Font(FONT, Font.PLAIN, 13);

	private static final Font TICK = new Font(FONT, Font.PLAIN, 12);

	private Charts() {
	}

	static NumberAxis linear(String label) {
		NumberAxis axis = new NumberAxis(label);
		style(axis);
		return axis;
	}

	/** Seconds or minutes of a run: whole ticks every {@code tick}, from 0 to the run's end. */
	static NumberAxis time(String label, double end, double tick) {
		NumberAxis axis = linear(label);
		axis.setRange(0, end);
		axis.setTickUnit(new NumberTickUnit(tick));
		return axis;
	}

	/**
	 * A log axis in ms from the power of ten below {@code low} to the one above {@code high}: whole decades keep the
	 * tick labels at 1, 10, 100 … and give a line at a target room to be read.
	 */
	static LogAxis logMs(String label, double low, double high) {
		LogAxis axis = new LogAxis(label);
		style(axis);
		axis.setBase(10);
		axis.setSmallestValue(1e-3);
		axis.setRange(Math.pow(10, Math.floor(Math.log10(low))), Math.pow(10, Math.ceil(Math.log10(high))));
		axis.setTickUnit(new NumberTickUnit(1));
		axis.setMinorTickCount(9);
		axis.setMinorTickMarksVisible(true);
		axis.setNumberFormatOverride(new DecimalFormat("#,##0.###", DecimalFormatSymbols.getInstance(Locale.ROOT)));
		return axis;
	}

	static XYPlot plot(ValueAxis x, ValueAxis y) {
		XYPlot plot = new XYPlot(null, x, y, null);
		plot.setBackgroundPaint(Color.WHITE);
		plot.setDomainGridlinePaint(new Color(0xd5d8dc));
		plot.setRangeGridlinePaint(new Color(0xd5d8dc));
		plot.setDomainGridlineStroke(new BasicStroke(0.8f));
		plot.setRangeGridlineStroke(new BasicStroke(0.8f));
		plot.setOutlinePaint(GREY);
		return plot;
	}

	/**
	 * A dashed horizontal line at a target or threshold, labelled above it at the end ({@code left} or right) where the
	 * lines of the chart leave it room: a cold start begins far above its targets, a soak's first minute crosses its.
	 */
	static void threshold(XYPlot plot, double value, String label, Color colour, boolean left) {
		ValueMarker marker = new ValueMarker(value, colour, new BasicStroke(1.4f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10, new float[] { 8, 5 }, 0));
		marker.setLabel(label);
		marker.setLabelFont(LABEL);
		marker.setLabelPaint(colour);
		marker.setLabelBackgroundColor(new Color(255, 255, 255, 0));
		marker.setLabelAnchor(left ? RectangleAnchor.TOP_LEFT : RectangleAnchor.TOP_RIGHT);
		marker.setLabelTextAnchor(left ? TextAnchor.BOTTOM_LEFT : TextAnchor.BOTTOM_RIGHT);
		plot.addRangeMarker(marker);
	}

	static JFreeChart chart(String title, Plot plot) {
		JFreeChart chart = new JFreeChart(title, TITLE, plot, true);
		chart.setBackgroundPaint(Color.WHITE);
		chart.getLegend().setPosition(RectangleEdge.BOTTOM);
		chart.getLegend().setItemFont(LABEL);
		chart.getLegend().setFrame(BlockBorder.NONE);
		return chart;
	}

	static void save(JFreeChart chart, Path file) throws IOException {
		ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
	}

	private static void style(ValueAxis axis) {
		axis.setLabelFont(LABEL);
		axis.setTickLabelFont(TICK);
	}
}
