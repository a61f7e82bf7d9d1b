package dev.tollgate.bench.suite;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;

/**
 * The report's PNG: panels of grouped bar charts side by side, drawn with Java2D (headless), so
 * the suite needs nothing but the JDK to make it.
 */
final class Chart {
    private static final int PANEL_W = 620;
    private static final int PANEL_H = 420;
    private static final Color[] COLORS = {new Color(0x4C72B0), new Color(0xDD8452), new Color(0x55A868), new Color(0xC44E52)};

    private Chart() {
    }

    /**
     * One panel: a group of bars per label, one bar per series.
     *
     * @param values values[series][label]
     */
    record Panel(String title, String unit, List<String> labels, List<String> series, double[][] values) {
    }

    static void write(Path file, String heading, List<Panel> panels) throws IOException {
        System.setProperty("java.awt.headless", "true");
        int top = 40;
        BufferedImage img = new BufferedImage(PANEL_W * panels.size(), PANEL_H + top, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(heading, 16, 26);
        for (int i = 0; i < panels.size(); i++) {
            Graphics2D p = (Graphics2D) g.create(i * PANEL_W, top, PANEL_W, PANEL_H);
            draw(p, panels.get(i));
            p.dispose();
        }
        g.dispose();
        ImageIO.write(img, "png", file.toFile());
    }

    private static void draw(Graphics2D g, Panel panel) {
        int left = 70;
        int right = 20;
        int plotTop = 40;
        int bottom = 110;
        int plotW = PANEL_W - left - right;
        int plotH = PANEL_H - plotTop - bottom;
        double max = 0;
        for (double[] row : panel.values()) {
            for (double v : row) {
                max = Math.max(max, v);
            }
        }
        double step = niceStep(max / 5);
        double top = Math.max(step, Math.ceil(max / step) * step);

        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.setColor(Color.BLACK);
        g.drawString(panel.title(), left, 22);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        FontMetrics fm = g.getFontMetrics();
        for (double t = 0; t <= top + step / 2; t += step) {
            int y = plotTop + plotH - (int) (t / top * plotH);
            g.setColor(new Color(0xE0E0E0));
            g.drawLine(left, y, left + plotW, y);
            g.setColor(Color.DARK_GRAY);
            String s = format(t) + " " + panel.unit();
            g.drawString(s, left - 6 - fm.stringWidth(s), y + 4);
        }
        int groups = panel.labels().size();
        int series = panel.series().size();
        double groupW = (double) plotW / groups;
        double barW = groupW * 0.8 / series;
        for (int l = 0; l < groups; l++) {
            for (int s = 0; s < series; s++) {
                double v = panel.values()[s][l];
                int h = (int) (v / top * plotH);
                int x = left + (int) (l * groupW + groupW * 0.1 + s * barW);
                g.setColor(COLORS[s % COLORS.length]);
                g.fillRect(x, plotTop + plotH - h, (int) Math.max(1, barW - 2), h);
                g.setColor(Color.BLACK);
                String txt = format(v);
                if (fm.stringWidth(txt) < barW + 10) {
                    g.drawString(txt, x + (int) (barW - 2 - fm.stringWidth(txt)) / 2, plotTop + plotH - h - 3);
                }
            }
            drawWrapped(g, panel.labels().get(l), left + (int) (l * groupW), plotTop + plotH + 16, (int) groupW);
        }
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1));
        g.drawLine(left, plotTop + plotH, left + plotW, plotTop + plotH);
        int lx = left;
        int ly = PANEL_H - 18;
        for (int s = 0; s < series && series > 1; s++) {
            g.setColor(COLORS[s % COLORS.length]);
            g.fillRect(lx, ly - 10, 12, 12);
            g.setColor(Color.BLACK);
            g.drawString(panel.series().get(s), lx + 16, ly);
            lx += 26 + fm.stringWidth(panel.series().get(s));
        }
    }

    /** A label in up to three centred lines that fit {@code width}. */
    private static void drawWrapped(Graphics2D g, String text, int x, int y, int width) {
        FontMetrics fm = g.getFontMetrics();
        StringBuilder line = new StringBuilder();
        int lines = 0;
        for (String word : text.split(" ")) {
            if (!line.isEmpty() && fm.stringWidth(line + " " + word) > width - 4) {
                g.drawString(line.toString(), x + (width - fm.stringWidth(line.toString())) / 2, y + lines++ * 13);
                line.setLength(0);
                if (lines == 4) {
                    return;
                }
            }
            line.append(line.isEmpty() ? "" : " ").append(word);
        }
        g.drawString(line.toString(), x + (width - fm.stringWidth(line.toString())) / 2, y + lines * 13);
    }

    private static double niceStep(double raw) {
        if (raw <= 0) {
            return 1;
        }
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double n = raw / mag;
        return (n <= 1 ? 1 : n <= 2 ? 2 : n <= 5 ? 5 : 10) * mag;
    }

    private static String format(double v) {
        if (v == 0) {
            return "0";
        }
        if (v >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        return String.format(Locale.ROOT, v >= 10 ? "%.1f" : "%.2f", v);
    }
}
