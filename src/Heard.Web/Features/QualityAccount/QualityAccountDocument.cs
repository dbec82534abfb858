using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Heard.Web.Features.SelfAssessment;

namespace Heard.Web.Features.QualityAccount;

/// <summary>
/// The draft as a Word document for the Quality Account's editors: the same headings, figures and placeholders as the
/// page. Placeholders are highlighted so none is left in the published account by mistake.
/// </summary>
public static class QualityAccountDocument
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public static byte[] Write(QualityAccountDraft d)
    {
        using var stream = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            RoundDocument.AddStyles(main, normalSize: "22", heading2Size: "26");
            var body = new Body();
            body.Append(RoundDocument.Heading($"Patient experience {d.Year.Label}", 1));
            body.Append(Para($"{d.TrustName}. Draft for the Quality Account, {d.Year.LongLabel}. Drafted by Heard from the trust's feedback figures; every figure is for the whole trust."));
            body.Append(Placeholder(QualityAccountDraft.Narratives[0]));

            body.Append(RoundDocument.Heading("Friends and Family Test", 2));
            body.Append(Para(QualityAccountText.FftIntro));
            if (d.Settings.Count == 0) body.Append(Para(QualityAccountText.NoFft(d.Year)));
            else
                body.Append(RoundDocument.Table([QualityAccountText.FftHeader(d.Year), .. d.Settings.Select(QualityAccountText.FftCells)], header: true));
            body.Append(Para(QualityAccountText.FftNote));
            if (QualityAccountText.Coverage(d) is { } coverage) body.Append(Para(coverage));

            body.Append(RoundDocument.Heading("What patients praised", 2));
            AppendThemes(body, d.Praised, "praised");
            body.Append(RoundDocument.Heading("What patients would improve", 2));
            AppendThemes(body, d.Improvement, "raised as needing improvement");
            body.Append(Placeholder(QualityAccountDraft.Narratives[1]));

            body.Append(RoundDocument.Heading("Complaints, PALS and compliments", 2));
            if (d.Sources.Count == 0) body.Append(Para(QualityAccountText.NoSources));
            else body.Append(RoundDocument.Table([QualityAccountText.SourceHeader(d.Year), .. d.Sources.Select(QualityAccountText.SourceCells)], header: true));

            body.Append(RoundDocument.Heading("Improvements completed", 2));
            body.Append(Para(QualityAccountText.ActionsIntro(d)));
            foreach (var a in d.Actions)
            {
                body.Append(Para($"{a.Title} ({a.Unit}, completed {a.ClosedOn.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)})", bold: true));
                if (a.Impact is not null) body.Append(Para("Impact: " + a.Impact));
                if (a.DidItWork is not null) body.Append(Para("Did it work? " + a.DidItWork));
            }
            foreach (var n in QualityAccountDraft.Narratives.Skip(2)) body.Append(Placeholder(n));

            body.Append(new SectionProperties(
                new PageSize { Width = 11906, Height = 16838 },
                new PageMargin { Top = 1200, Bottom = 1200, Left = 1200, Right = 1200, Header = 600, Footer = 600, Gutter = 0 }));
            main.Document = new Document(body);
            main.Document.Save();
        }
        return stream.ToArray();
    }

    private static void AppendThemes(Body body, IReadOnlyList<ThemeHeadline> themes, string what)
    {
        if (themes.Count == 0)
        {
            body.Append(Para($"No comments were coded as {what} this year."));
            return;
        }
        body.Append(RoundDocument.Table([["Theme", "Comments", "In a patient's words (consented, redacted)"], .. themes.Select(t => new[]
        {
            t.Theme, t.Comments.ToString("N0", CultureInfo.InvariantCulture), t.Quote is null ? "No comment with consent to publish" : $"\u201c{t.Quote}\u201d",
        })], header: true));
    }

    private static Paragraph Placeholder((string Heading, string Prompt) n) =>
        new(new Run(new RunProperties(new Bold(), new Highlight { Val = HighlightColorValues.Yellow }),
            new Text($"[{QualityAccountText.PlaceholderLabel}: {n.Heading}] {n.Prompt}") { Space = SpaceProcessingModeValues.Preserve }));

    private static Paragraph Para(string text, bool bold = false)
    {
        var run = new Run(new Text(text) { Space = SpaceProcessingModeValues.Preserve });
        if (bold) run.PrependChild(new RunProperties(new Bold()));
        return new Paragraph(run);
    }
}
