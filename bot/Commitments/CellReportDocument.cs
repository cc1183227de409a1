using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using StudyBot.Resources;

namespace StudyBot.Commitments;

/// <summary>
/// The cell's year report as a Word document: a title, the figures, a table with a row per member, each feature's own
/// lines, and the headed sections left for the secretary (hạn chế, bài học kinh nghiệm, phương hướng), started where
/// the bot knows something. Plain paragraphs with direct formatting, so it opens the same in Word and LibreOffice.
/// </summary>
public static class CellReportDocument
{
    public static byte[] Write(CellReport report, Texts t)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var body = new Body();
            body.Append(Paragraph(t.Format("Report.Title", report.Unit, report.Year), bold: true, size: 32, center: true));
            body.Append(Paragraph(t["Report.Generated"], size: 20, center: true));
            body.Append(Paragraph(t["Report.Figures"], bold: true, size: 26));
            foreach (var (label, value) in report.Facts) body.Append(Paragraph($"{label}: {value}"));
            body.Append(Paragraph(t["Report.Members"], bold: true, size: 26));
            body.Append(Table([t["Report.ColumnName"], t["Report.ColumnParty"], t["Report.ColumnCommitments"], .. report.PartHeaders, t["Report.ColumnAssessment"]],
                report.Rows.Select(r => (IReadOnlyList<string>)[r.Name, t[r.PartyMember ? "Export.Yes" : "Export.No"], r.Commitments, .. r.Parts, r.Assessment])));
            foreach (var (heading, lines) in report.Details.Concat(report.ToWrite))
            {
                body.Append(Paragraph(heading, bold: true, size: 26));
                foreach (var line in lines) body.Append(Paragraph("- " + line));
            }
            body.Append(new SectionProperties(new PageSize { Width = 11906, Height = 16838 },
                new PageMargin { Top = 1134, Right = 1134, Bottom = 1134, Left = 1701, Header = 709, Footer = 709, Gutter = 0 }));
            main.Document = new Document(body);
            main.Document.Save();
        }
        return stream.ToArray();
    }

    /// <summary>The agency-wide version: a title and one table, a row per cell.</summary>
    public static byte[] WriteTable(string title, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows, Texts t)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var body = new Body(Paragraph(title, bold: true, size: 32, center: true), Paragraph(t["Report.Generated"], size: 20, center: true),
                Table(header, rows), Paragraph(""));
            main.Document = new Document(body);
            main.Document.Save();
        }
        return stream.ToArray();
    }

    private static Paragraph Paragraph(string text, bool bold = false, int size = 24, bool center = false)
    {
        var runProperties = new RunProperties(new RunFonts { Ascii = "Times New Roman", HighAnsi = "Times New Roman", ComplexScript = "Times New Roman" });
        if (bold) runProperties.Append(new Bold());
        runProperties.Append(new FontSize { Val = size.ToString() });
        var paragraph = new Paragraph();
        if (center) paragraph.Append(new ParagraphProperties(new Justification { Val = JustificationValues.Center }));
        paragraph.Append(new Run(runProperties, new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
        return paragraph;
    }

    private static Table Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        static BorderType Line<TBorder>() where TBorder : BorderType, new() => new TBorder { Val = BorderValues.Single, Size = 4 };
        var table = new Table(new TableProperties(
            new TableWidth { Width = "5000", Type = TableWidthUnitValues.Pct },
            new TableBorders(Line<TopBorder>(), Line<LeftBorder>(), Line<BottomBorder>(), Line<RightBorder>(), Line<InsideHorizontalBorder>(), Line<InsideVerticalBorder>())));
        table.Append(new TableGrid(header.Select(_ => new GridColumn { Width = (9000 / header.Count).ToString() })));
        table.Append(Row(header, bold: true));
        foreach (var row in rows) table.Append(Row(row, bold: false));
        return table;
    }

    private static TableRow Row(IReadOnlyList<string> cells, bool bold) =>
        new(cells.Select(c => new TableCell(Paragraph(c, bold, size: 20))));
}
