package org.esscard.permit.service.letter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.esscard.permit.service.letter.LetterFixtures.CHINESE_NAME;
import static org.esscard.permit.service.letter.LetterFixtures.LATIN_NAME;
import static org.esscard.permit.service.letter.LetterFixtures.PERMIT_NUMBER;
import static org.esscard.permit.service.letter.LetterFixtures.letter;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDCIDFont;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.esscard.events.permit.TalentCategory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The Notification Letter is a one-page bilingual PDF with extractable text, its category (R17) and a scannable QR (R18). */
class NotificationLetterRendererTest {

    private static final String TITLE_ZH = "中华人民共和国外国人工作许可通知";
    private static final String TITLE_EN = "Notification Letter of Foreigner's Work Permit in the People's Republic of China";
    private static final String HOTLINE = "010-12333-2";
    private static final Path PAGE_PNG = Path.of("target", "letter-page1.png");
    private static final int RENDER_DPI = 100;
    /** Well under 1 MB: a letter goes to phones over mobile networks. */
    private static final int MAX_PDF_BYTES = 256 * 1024;

    private static NotificationLetterRenderer renderer;

    @BeforeAll
    static void loadFonts() {
        renderer = new NotificationLetterRenderer();
    }

    @Test
    void textIsExtractableInBothLanguages() throws IOException {
        String text = collapse(text(renderer.render(letter(TalentCategory.B, LATIN_NAME))));

        assertThat(text)
                .contains(TITLE_ZH)
                .contains(TITLE_EN)
                .contains(PERMIT_NUMBER)
                .contains(LATIN_NAME)
                .contains("B类")
                .contains("Category B")
                .contains("2026-06-30")
                .contains(HOTLINE)
                .contains("010-12333-2（仅中文服务）")
                .contains("Chinese only")
                .contains("工作许可问题请咨询工作许可审批部门")
                .contains("请向公安机关出入境管理部门出示此二维码")
                .contains("P1*****89")
                .contains("2025-03-14T08:30:15Z");
    }

    @Test
    void holderNameIsPrintedExactlyAsGiven() throws IOException {
        for (String name : new String[] {LATIN_NAME, CHINESE_NAME}) {
            String text = text(renderer.render(letter(TalentCategory.A, name)));

            // R3: symbols, spaces and accents kept; the name line holds the label and the name, nothing else
            assertThat(text.lines()).contains("姓名 " + name);
        }
    }

    @ParameterizedTest
    @EnumSource(TalentCategory.class)
    void letterStatesItsOwnTalentCategory(TalentCategory category) throws IOException {
        String text = text(renderer.render(letter(category, LATIN_NAME)));

        assertThat(text).contains(category + "类 / Category " + category);
        for (TalentCategory other : TalentCategory.values()) {
            if (other != category) {
                assertThat(text).doesNotContain(other + "类").doesNotContain("Category " + other);
            }
        }
    }

    @Test
    void isOneA4PageWithDocumentInformation() throws IOException {
        try (PDDocument document = Loader.loadPDF(renderer.render(letter(TalentCategory.B, LATIN_NAME)))) {
            PDRectangle size = document.getPage(0).getMediaBox();

            assertThat(document.getNumberOfPages()).isEqualTo(1);
            assertThat(size.getWidth()).isEqualTo(PDRectangle.A4.getWidth());
            assertThat(size.getHeight()).isEqualTo(PDRectangle.A4.getHeight());
            assertThat(document.getDocumentInformation().getTitle()).contains(TITLE_ZH).contains(TITLE_EN);
            assertThat(document.getDocumentInformation().getSubject()).contains(PERMIT_NUMBER);
            assertThat(document.getDocumentInformation().getCreator()).isEqualTo("eSSCard permit-service");
        }
    }

    @Test
    void fontsAreEmbeddedAsSubsetsAndTheFileIsSmall() throws IOException {
        byte[] pdf = renderer.render(letter(TalentCategory.B, LATIN_NAME));

        assertThat(pdf.length).isLessThan(MAX_PDF_BYTES);
        try (PDDocument document = Loader.loadPDF(pdf)) {
            List<PDFont> fonts = fonts(document.getPage(0));
            assertThat(fonts).hasSize(2);
            for (PDFont font : fonts) {
                assertThat(font).isInstanceOf(PDType0Font.class);
                PDCIDFont descendant = ((PDType0Font) font).getDescendantFont();
                assertThat(font.isEmbedded()).isTrue();
                assertThat(descendant.getFontDescriptor().getFontFile2()).isNotNull();
                // a subset's name carries a six-letter tag, e.g. ABCDEF+DejaVuSans
                assertThat(font.getName()).matches("[A-Z]{6}\\+.+");
                assertThat(font.getCOSObject().getDictionaryObject(COSName.TO_UNICODE)).isNotNull();
            }
            // a subset holds the glyphs of one letter: far less than the 4 MB and 0.7 MB font files
            assertThat(fonts.stream().map(f -> f.getName().substring(7))).containsExactlyInAnyOrder("DejaVuSans",
                    "DroidSansFallback");
        }
    }

    @Test
    void qrCodeOnTheRenderedPageDecodesToTheToken() throws Exception {
        LetterContent content = letter(TalentCategory.B, LATIN_NAME);
        BufferedImage page;
        try (PDDocument document = Loader.loadPDF(renderer.render(content))) {
            page = new PDFRenderer(document).renderImageWithDPI(0, RENDER_DPI, ImageType.RGB);
        }
        Files.createDirectories(PAGE_PNG.getParent());
        ImageIO.write(page, "PNG", PAGE_PNG.toFile());

        assertThat(content.qrContent()).hasSizeGreaterThan(400);
        assertThat(QrImagesTest.decode(page)).isEqualTo(content.qrContent());
    }

    @Test
    void missingEmployerPositionAndCityPrintAsDash() throws IOException {
        LetterContent full = letter(TalentCategory.C, LATIN_NAME);
        LetterContent content = new LetterContent(full.permitNumber(), full.holderName(), full.nationality(),
                full.passportNumberMasked(), null, null, " ", full.talentCategory(), full.issueDate(),
                full.validUntil(), full.qrContent(), full.generatedAt());

        String text = text(renderer.render(content));

        assertThat(text.split("—", -1)).hasSize(4);
        assertThat(text).contains("C类 / Category C");
    }

    @Test
    void longestValuesARecordAllowsStillFitOnOnePage() throws IOException {
        LetterContent full = letter(TalentCategory.A, LATIN_NAME);
        String name = "ÅSTRÖM-O'NEIL ".repeat(15).substring(0, 200);
        String employer = "北京北欧国际科技发展有限公司".repeat(15).substring(0, 200);
        String position = "Principal Distributed Systems Engineer / ".repeat(5).substring(0, 200);
        String city = "北京市海淀区中关村大街".repeat(10).substring(0, 100);
        LetterContent content = new LetterContent(full.permitNumber(), name, full.nationality(),
                full.passportNumberMasked(), employer, position, city, full.talentCategory(), full.issueDate(),
                full.validUntil(), full.qrContent(), full.generatedAt());

        byte[] pdf = renderer.render(content);

        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(document.getNumberOfPages()).isEqualTo(1);
        }
        String text = withoutWhitespace(text(pdf));
        assertThat(text).contains(withoutWhitespace(name)).contains(employer).contains(withoutWhitespace(position))
                .contains(city).contains("A类/CategoryA").contains(HOTLINE);
    }

    @Test
    void charactersNoFontHasDoNotBreakTheLetter() throws IOException {
        // Thai: neither font has it, so it shows as missing instead of failing the whole letter
        String text = text(renderer.render(letter(TalentCategory.B, "MARÍA \u0E01")));

        assertThat(text).contains("MARÍA \uFFFD").contains("B类 / Category B");
    }

    private static String text(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }

    private static List<PDFont> fonts(PDPage page) throws IOException {
        List<PDFont> fonts = new ArrayList<>();
        for (COSName name : page.getResources().getFontNames()) {
            fonts.add(page.getResources().getFont(name));
        }
        return fonts;
    }

    /** The English title may wrap; compare with line breaks read as spaces. */
    private static String collapse(String text) {
        return text.replaceAll("\\s+", " ");
    }

    private static String withoutWhitespace(String text) {
        return text.replaceAll("\\s+", "");
    }
}
