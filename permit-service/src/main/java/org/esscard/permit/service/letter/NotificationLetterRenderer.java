package org.esscard.permit.service.letter;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.GregorianCalendar;
import java.util.List;

import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.pdmodel.interactive.viewerpreferences.PDViewerPreferences;

import com.google.zxing.client.j2se.MatrixToImageWriter;

/**
 * Renders the bilingual Notification Letter (R16) as a one-page A4 PDF that states the talent category (R17) and
 * carries the QR code for the exit-entry administration (R18). Thread-safe: each call builds its own document.
 */
public class NotificationLetterRenderer {

    static final String FONT_DIR = "org/esscard/permit/service/letter/fonts/";
    /** Chinese glyphs; it has no Latin letters or digits at all, hence the second font. */
    static final String CJK_FONT = "DroidSansFallbackFull.ttf";
    /** Latin, Greek, Cyrillic and the punctuation of passport names. */
    static final String LATIN_FONT = "DejaVuSans.ttf";

    static final String TITLE_ZH = "中华人民共和国外国人工作许可通知";
    static final String TITLE_EN = "Notification Letter of Foreigner's Work Permit in the People's Republic of China";
    static final String QR_CAPTION_ZH = "请向公安机关出入境管理部门出示此二维码";
    static final String QR_CAPTION_EN = "Present this QR code to the exit-entry administration of public security.";
    static final String HOTLINE = "电子社保卡服务热线 010-12333-2（仅中文服务） / eSSCard hotline 010-12333-2 (Chinese only)";
    static final String AUTHORITY = "工作许可问题请咨询工作许可审批部门 / For work permit questions contact the work permit authority.";
    static final String CREATOR = "eSSCard permit-service";
    static final String UNKNOWN = "—";

    /** Planes 0–3 hold every script, symbol and ideograph; above them are only tags, selectors and private use. */
    private static final int LAST_CODE_POINT = 0x3FFFF;
    private static final float MM = 72f / 25.4f;
    private static final PDRectangle PAGE = PDRectangle.A4;
    private static final float MARGIN_X = 20 * MM;
    private static final float MARGIN_TOP = 20 * MM;
    private static final float MARGIN_BOTTOM = 14 * MM;
    private static final float CONTENT_WIDTH = PAGE.getWidth() - 2 * MARGIN_X;
    private static final float QR_SIZE = 45 * MM;

    private static final float TITLE_ZH_SIZE = 18;
    private static final float TITLE_EN_SIZE = 11.5f;
    private static final float LABEL_WIDTH = 52 * MM;
    private static final float CELL_PAD_X = 6;
    private static final float CELL_PAD_Y = 5.5f;
    private static final float LABEL_ZH_SIZE = 10;
    private static final float LABEL_EN_SIZE = 8;
    private static final float VALUE_SIZE = 11;
    private static final float CAPTION_ZH_SIZE = 10;
    private static final float CAPTION_EN_SIZE = 8.5f;
    private static final float FOOTER_SIZE = 7.5f;
    private static final float LEADING = 1.3f;
    /** Baseline below the top of a line, as a share of the font size (both fonts ascend about 0.93 em). */
    private static final float ASCENT = 0.9f;
    /** Room kept under a baseline for descenders (both fonts descend about 0.24 em). */
    private static final float DESCENT = 0.25f;
    /** Long values shrink the table, never below this share of the normal size, so the letter stays one page. */
    private static final float MIN_SCALE = 0.6f;
    private static final int SCALE_STEPS = 8;
    private static final float QR_GAP = 18;

    private static final float TEXT_GRAY = 0.1f;
    private static final float LABEL_EN_GRAY = 0.35f;
    private static final float RULE_GRAY = 0.55f;
    private static final float LABEL_FILL_GRAY = 0.94f;

    private final byte[] cjkFont;
    private final byte[] latinFont;
    private final BitSet cjkGlyphs;
    private final BitSet latinGlyphs;
    private final int replacement;

    /** Reads both fonts once; each letter then embeds only the glyphs it uses. */
    public NotificationLetterRenderer() {
        this.cjkFont = readResource(FONT_DIR + CJK_FONT);
        this.latinFont = readResource(FONT_DIR + LATIN_FONT);
        this.cjkGlyphs = coverage(cjkFont);
        this.latinGlyphs = coverage(latinFont);
        this.replacement = latinGlyphs.get(0xFFFD) ? 0xFFFD : '?';
    }

    /** The letter as PDF bytes. */
    public byte[] render(LetterContent content) {
        try (PDDocument document = new PDDocument()) {
            // subset embedding: a letter carries ~100 glyphs, not the 4 MB font, and stays text-extractable;
            // the buffer wraps the shared bytes without copying them, and each document parses its own font
            // because a parsed font is not safe to share between threads
            Fonts fonts = new Fonts(
                    PDType0Font.load(document, new RandomAccessReadBuffer(latinFont), true, false),
                    PDType0Font.load(document, new RandomAccessReadBuffer(cjkFont), true, false));
            PDPage page = new PDPage(PAGE);
            document.addPage(page);
            describe(document, content);
            PDImageXObject qr = LosslessFactory.createFromImage(document, qrImage(content.qrContent()));
            try (PDPageContentStream out = new PDPageContentStream(document, page)) {
                new Layout(out, fonts).draw(content, qr);
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(48 * 1024);
            document.save(bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render the Notification Letter of permit " + content.permitNumber(), e);
        }
    }

    private static void describe(PDDocument document, LetterContent content) {
        PDDocumentInformation info = document.getDocumentInformation();
        info.setTitle(TITLE_ZH + " / " + TITLE_EN);
        info.setSubject("工作许可证号 Work Permit No. " + content.permitNumber());
        info.setCreator(CREATOR);
        GregorianCalendar created = GregorianCalendar.from(content.generatedAt().atZone(ZoneOffset.UTC));
        info.setCreationDate(created);
        info.setModificationDate(created);
        document.getDocumentCatalog().setLanguage("zh-CN");
        PDViewerPreferences preferences = new PDViewerPreferences(document.getDocumentCatalog().getCOSObject());
        preferences.setDisplayDocTitle(true);
        document.getDocumentCatalog().setViewerPreferences(preferences);
    }

    /** One pixel per module: scaled up on the page without interpolation, the modules stay sharp at any zoom. */
    private static BufferedImage qrImage(String content) {
        return MatrixToImageWriter.toBufferedImage(QrImages.modules(content));
    }

    private static byte[] readResource(String name) {
        try (InputStream in = NotificationLetterRenderer.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("font resource " + name + " is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read font resource " + name, e);
        }
    }

    /** The code points a font has a glyph for, so each character goes to a font that can draw it. */
    private static BitSet coverage(byte[] font) {
        try (TrueTypeFont ttf = new TTFParser().parse(new RandomAccessReadBuffer(font))) {
            CmapLookup cmap = ttf.getUnicodeCmapLookup();
            BitSet glyphs = new BitSet(LAST_CODE_POINT + 1);
            for (int cp = 0; cp <= LAST_CODE_POINT; cp++) {
                if (cmap.getGlyphId(cp) > 0) {
                    glyphs.set(cp);
                }
            }
            return glyphs;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the letter font's character map", e);
        }
    }

    /** Chinese, Japanese and Korean characters: a line may break before or after any of them. */
    private static boolean isWide(int cp) {
        Character.UnicodeScript script = Character.UnicodeScript.of(cp);
        if (script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL) {
            return true;
        }
        Character.UnicodeBlock block = Character.UnicodeBlock.of(cp);
        return block == Character.UnicodeBlock.CJK_SYMBOLS_AND_PUNCTUATION
                || block == Character.UnicodeBlock.HALFWIDTH_AND_FULLWIDTH_FORMS;
    }

    /** Joiners, direction marks and variation selectors: nothing to draw, so nothing is lost by dropping them. */
    private static boolean isInvisible(int cp) {
        return Character.getType(cp) == Character.FORMAT
                || (cp >= 0xFE00 && cp <= 0xFE0F)
                || (cp >= 0xE0100 && cp <= 0xE01EF);
    }

    /** A run of text drawn in one font. */
    private record Run(PDFont font, String text) {
    }

    /** The two fonts of one document, with text measuring, wrapping and drawing across them. */
    private final class Fonts {

        private final PDType0Font latin;
        private final PDType0Font cjk;

        Fonts(PDType0Font latin, PDType0Font cjk) {
            this.latin = latin;
            this.cjk = cjk;
        }

        /** The text with every character drawable: controls become spaces, glyphs neither font has become U+FFFD. */
        String printable(String text) {
            StringBuilder out = new StringBuilder(text.length());
            text.codePoints().forEach(cp -> {
                if (Character.isISOControl(cp)) {
                    out.append(' ');
                } else if (latinGlyphs.get(cp) || cjkGlyphs.get(cp)) {
                    out.appendCodePoint(cp);
                } else if (!isInvisible(cp)) {
                    // a visible character no font can draw shows as missing rather than vanishing from a name
                    out.appendCodePoint(replacement);
                }
            });
            return out.toString();
        }

        PDFont fontFor(int cp) {
            if (isWide(cp) && cjkGlyphs.get(cp)) {
                return cjk;
            }
            return latinGlyphs.get(cp) ? latin : cjk;
        }

        List<Run> runs(String printable) {
            List<Run> runs = new ArrayList<>();
            StringBuilder current = new StringBuilder();
            PDFont font = null;
            for (int i = 0; i < printable.length(); ) {
                int cp = printable.codePointAt(i);
                PDFont f = fontFor(cp);
                if (f != font && current.length() > 0) {
                    runs.add(new Run(font, current.toString()));
                    current.setLength(0);
                }
                font = f;
                current.appendCodePoint(cp);
                i += Character.charCount(cp);
            }
            if (current.length() > 0) {
                runs.add(new Run(font, current.toString()));
            }
            return runs;
        }

        float width(String printable, float size) throws IOException {
            float width = 0;
            for (Run run : runs(printable)) {
                width += run.font().getStringWidth(run.text()) / 1000f * size;
            }
            return width;
        }

        /** Greedy wrapping at spaces, hyphens, slashes and around CJK characters; a word too long is cut anywhere. */
        List<String> wrap(String text, float size, float maxWidth) throws IOException {
            int[] cps = printable(text).codePoints().toArray();
            float[] widths = new float[cps.length];
            for (int i = 0; i < cps.length; i++) {
                widths[i] = width(new String(cps, i, 1), size);
            }
            List<String> lines = new ArrayList<>();
            int start = 0;
            while (start < cps.length) {
                while (start < cps.length && cps[start] == ' ' && !lines.isEmpty()) {
                    start++;
                }
                if (start == cps.length) {
                    break;
                }
                float used = 0;
                int end = start;
                int lastBreak = -1;
                while (end < cps.length && (end == start || used + widths[end] <= maxWidth)) {
                    used += widths[end];
                    end++;
                    if (end < cps.length && canBreak(cps[end - 1], cps[end])) {
                        lastBreak = end;
                    }
                }
                if (end < cps.length && lastBreak > start) {
                    end = lastBreak;
                }
                lines.add(new String(cps, start, end - start).stripTrailing());
                start = end;
            }
            if (lines.isEmpty()) {
                lines.add("");
            }
            return lines;
        }

        private boolean canBreak(int before, int after) {
            if (before == ' ' || after == ' ') {
                return true;
            }
            if (before == '-' || before == '/') {
                return Character.isLetterOrDigit(after);
            }
            if (isWide(before) || isWide(after)) {
                int type = Character.getType(after);
                // no closing bracket or comma at the start of a line, no opening bracket at the end of one
                return type != Character.END_PUNCTUATION && type != Character.OTHER_PUNCTUATION
                        && Character.getType(before) != Character.START_PUNCTUATION;
            }
            return false;
        }

        void show(PDPageContentStream out, String line, float size, float x, float baseline) throws IOException {
            out.beginText();
            out.newLineAtOffset(x, baseline);
            for (Run run : runs(printable(line))) {
                out.setFont(run.font(), size);
                out.showText(run.text());
            }
            out.endText();
        }

        void showCentered(PDPageContentStream out, String line, float size, float centre, float baseline)
                throws IOException {
            show(out, line, size, centre - width(printable(line), size) / 2, baseline);
        }
    }

    /** One labelled row of the table: its wrapped lines, where the English label starts and how tall it is. */
    private record Row(List<String> labelZh, List<String> labelEn, List<String> value, float labelEnOffset,
            float height) {
    }

    /** The table wrapped at one scale of its font sizes. */
    private record Table(float scale, List<Row> rows) {

        float height() {
            float height = 0;
            for (Row row : rows) {
                height += row.height();
            }
            return height;
        }
    }

    /** Places everything on the page, top to bottom, in reading order so extracted text reads naturally. */
    private final class Layout {

        private final PDPageContentStream out;
        private final Fonts fonts;

        Layout(PDPageContentStream out, Fonts fonts) {
            this.out = out;
            this.fonts = fonts;
        }

        void draw(LetterContent content, PDImageXObject qr) throws IOException {
            float centre = PAGE.getWidth() / 2;
            float y = PAGE.getHeight() - MARGIN_TOP;

            out.setNonStrokingColor(TEXT_GRAY);
            fonts.showCentered(out, TITLE_ZH, TITLE_ZH_SIZE, centre, y - TITLE_ZH_SIZE * ASCENT);
            y -= TITLE_ZH_SIZE * LEADING + 4;
            for (String line : fonts.wrap(TITLE_EN, TITLE_EN_SIZE, CONTENT_WIDTH)) {
                fonts.showCentered(out, line, TITLE_EN_SIZE, centre, y - TITLE_EN_SIZE * ASCENT);
                y -= TITLE_EN_SIZE * LEADING;
            }
            y -= 6;
            rule(y, 0.8f);
            y -= 16;

            List<String> footer = footerLines(content);
            float footerHeight = footer.size() * FOOTER_SIZE * LEADING;
            float footerTop = MARGIN_BOTTOM + footerHeight + 12;
            List<String> captionEn = fonts.wrap(QR_CAPTION_EN, CAPTION_EN_SIZE, CONTENT_WIDTH);
            float qrBlock = QR_GAP + QR_SIZE + 6 + CAPTION_ZH_SIZE * LEADING + captionEn.size() * CAPTION_EN_SIZE * LEADING;

            Table table = fit(cells(content), y - qrBlock - footerTop, content.permitNumber());
            y = table(table, y);

            y -= QR_GAP;
            out.drawImage(qr, centre - QR_SIZE / 2, y - QR_SIZE, QR_SIZE, QR_SIZE);
            y -= QR_SIZE + 6;
            out.setNonStrokingColor(TEXT_GRAY);
            fonts.showCentered(out, QR_CAPTION_ZH, CAPTION_ZH_SIZE, centre, y - CAPTION_ZH_SIZE * ASCENT);
            y -= CAPTION_ZH_SIZE * LEADING;
            for (String line : captionEn) {
                fonts.showCentered(out, line, CAPTION_EN_SIZE, centre, y - CAPTION_EN_SIZE * ASCENT);
                y -= CAPTION_EN_SIZE * LEADING;
            }

            float footerY = MARGIN_BOTTOM + footerHeight;
            rule(footerY + 4, 0.5f);
            out.setNonStrokingColor(LABEL_EN_GRAY);
            for (String line : footer) {
                fonts.show(out, line, FOOTER_SIZE, MARGIN_X, footerY - FOOTER_SIZE * ASCENT);
                footerY -= FOOTER_SIZE * LEADING;
            }
        }

        private List<String[]> cells(LetterContent c) {
            String category = c.talentCategory().name();
            return List.of(
                    new String[] {"工作许可证号", "Work Permit No.", c.permitNumber()},
                    new String[] {"姓名", "Name", c.holderName()},
                    new String[] {"国籍", "Nationality", c.nationality()},
                    new String[] {"护照号码", "Passport No.", c.passportNumberMasked()},
                    new String[] {"工作单位", "Employer", orUnknown(c.employer())},
                    new String[] {"职位", "Position", orUnknown(c.position())},
                    new String[] {"工作地点", "Work location", orUnknown(c.workCity())},
                    // R17: the letter states the talent category, in both languages
                    new String[] {"人才类别", "Talent category", category + "类 / Category " + category},
                    new String[] {"签发日期", "Issue date", DateTimeFormatter.ISO_LOCAL_DATE.format(c.issueDate())},
                    new String[] {"有效期至", "Valid until", DateTimeFormatter.ISO_LOCAL_DATE.format(c.validUntil())});
        }

        /** The largest table scale that leaves room for the QR code and footer on the one page. */
        private Table fit(List<String[]> cells, float available, String permitNumber) throws IOException {
            for (int step = 0; step <= SCALE_STEPS; step++) {
                Table table = wrap(cells, 1f - step * (1f - MIN_SCALE) / SCALE_STEPS);
                if (table.height() <= available) {
                    return table;
                }
            }
            throw new IllegalArgumentException("the letter of permit " + permitNumber
                    + " does not fit on one page: a value is far longer than a permit record allows");
        }

        private Table wrap(List<String[]> cells, float scale) throws IOException {
            float labelWidth = LABEL_WIDTH - 2 * CELL_PAD_X;
            float valueWidth = CONTENT_WIDTH - LABEL_WIDTH - 2 * CELL_PAD_X;
            float zhSize = LABEL_ZH_SIZE * scale;
            float enSize = LABEL_EN_SIZE * scale;
            float valueSize = VALUE_SIZE * scale;
            List<Row> rows = new ArrayList<>(cells.size());
            for (String[] cell : cells) {
                List<String> zh = fonts.wrap(cell[0], zhSize, labelWidth);
                List<String> en = fonts.wrap(cell[1], enSize, labelWidth);
                List<String> value = fonts.wrap(cell[2], valueSize, valueWidth);
                // offsets from the row's first baseline, which the Chinese label and the value share
                float enOffset = (zh.size() - 1) * zhSize * LEADING + zhSize * DESCENT + enSize * ASCENT;
                float labelBottom = enOffset + (en.size() - 1) * enSize * LEADING + enSize * DESCENT;
                float valueBottom = (value.size() - 1) * valueSize * LEADING + valueSize * DESCENT;
                float height = CELL_PAD_Y + valueSize * ASCENT + Math.max(labelBottom, valueBottom) + CELL_PAD_Y;
                rows.add(new Row(zh, en, value, enOffset, height));
            }
            return new Table(scale, rows);
        }

        /** Draws the table with its top at {@code top}; returns its bottom. */
        private float table(Table table, float top) throws IOException {
            float scale = table.scale();
            float left = MARGIN_X;
            float divider = MARGIN_X + LABEL_WIDTH;
            float right = MARGIN_X + CONTENT_WIDTH;
            float bottom = top - table.height();

            out.setNonStrokingColor(LABEL_FILL_GRAY);
            out.addRect(left, bottom, LABEL_WIDTH, top - bottom);
            out.fill();

            float y = top;
            for (Row row : table.rows()) {
                float baseline = y - CELL_PAD_Y - VALUE_SIZE * scale * ASCENT;
                out.setNonStrokingColor(TEXT_GRAY);
                showLines(row.labelZh(), LABEL_ZH_SIZE * scale, left + CELL_PAD_X, baseline);
                showLines(row.value(), VALUE_SIZE * scale, divider + CELL_PAD_X, baseline);
                out.setNonStrokingColor(LABEL_EN_GRAY);
                showLines(row.labelEn(), LABEL_EN_SIZE * scale, left + CELL_PAD_X, baseline - row.labelEnOffset());
                y -= row.height();
                if (y > bottom + 0.01f) {
                    line(left, y, right, y, 0.4f);
                }
            }
            line(divider, top, divider, bottom, 0.4f);
            out.setStrokingColor(RULE_GRAY);
            out.setLineWidth(0.7f);
            out.addRect(left, bottom, CONTENT_WIDTH, top - bottom);
            out.stroke();
            return bottom;
        }

        private void showLines(List<String> lines, float size, float x, float baseline) throws IOException {
            float y = baseline;
            for (String line : lines) {
                fonts.show(out, line, size, x, y);
                y -= size * LEADING;
            }
        }

        private List<String> footerLines(LetterContent content) throws IOException {
            String generated = DateTimeFormatter.ISO_INSTANT.format(content.generatedAt().truncatedTo(ChronoUnit.SECONDS));
            List<String> lines = new ArrayList<>();
            lines.addAll(fonts.wrap("生成时间 Generated (UTC): " + generated, FOOTER_SIZE, CONTENT_WIDTH));
            lines.addAll(fonts.wrap(HOTLINE, FOOTER_SIZE, CONTENT_WIDTH));
            lines.addAll(fonts.wrap(AUTHORITY, FOOTER_SIZE, CONTENT_WIDTH));
            return lines;
        }

        private void rule(float y, float width) throws IOException {
            line(MARGIN_X, y, MARGIN_X + CONTENT_WIDTH, y, width);
        }

        private void line(float x1, float y1, float x2, float y2, float width) throws IOException {
            out.setStrokingColor(RULE_GRAY);
            out.setLineWidth(width);
            out.moveTo(x1, y1);
            out.lineTo(x2, y2);
            out.stroke();
        }
    }

    private static String orUnknown(String value) {
        return value == null || value.isBlank() ? UNKNOWN : value;
    }
}
