using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace CniBot.Knowledge;

/// <summary>
/// Cuts a section's markdown blocks into passages: a paragraph, a list item (with its nested items), a table row
/// (with the header row), a code block (with the sentence that introduces it). Headings, HTML and rules are not
/// passages.
/// </summary>
internal static class PassageSplitter
{
    /// <summary>An introduction longer than this is cut to its last sentence.</summary>
    private const int MaxIntroLength = 200;

    public static IReadOnlyList<KnowledgePassage> Split(IReadOnlyList<Block> blocks)
    {
        var passages = new List<KnowledgePassage>();
        Block? previous = null;
        foreach (var block in blocks)
        {
            Add(block, previous, passages);
            previous = block;
        }

        return passages;
    }

    private static void Add(Block block, Block? previous, List<KnowledgePassage> passages)
    {
        switch (block)
        {
            case ParagraphBlock paragraph when Runs(paragraph.Inline) is { Runs.Count: > 0 } text:
                passages.Add(new KnowledgePassage { Ordinal = passages.Count, Kind = PassageKind.Paragraph, Line = paragraph.Line + 1, Body = text });
                break;
            case ListBlock list:
                foreach (var item in list.OfType<ListItemBlock>())
                {
                    var text = ListItemText(item);
                    if (text.Runs.Count > 0)
                    {
                        passages.Add(new KnowledgePassage { Ordinal = passages.Count, Kind = PassageKind.ListItem, Line = item.Line + 1, Body = text });
                    }
                }

                break;
            case Table table:
                AddRows(table, passages);
                break;
            case CodeBlock code:
                passages.Add(new KnowledgePassage
                {
                    Ordinal = passages.Count,
                    Kind = PassageKind.Code,
                    Line = code.Line + 1,
                    Body = previous is ParagraphBlock intro ? Intro(Runs(intro.Inline)) : RichText.Empty,
                    Code = code.Lines.ToString().TrimEnd('\n', '\r'),
                    CodeLanguage = code is FencedCodeBlock { Info: { Length: > 0 } info } ? info : null,
                });
                break;
            case QuoteBlock quote:
                Block? inner = null;
                foreach (var child in quote)
                {
                    Add(child, inner, passages);
                    inner = child;
                }

                break;
        }
    }

    private static void AddRows(Table table, List<KnowledgePassage> passages)
    {
        var rows = table.OfType<TableRow>().ToArray();
        var header = rows.FirstOrDefault(r => r.IsHeader) is { } h ? Cells(h) : [];
        foreach (var row in rows.Where(r => !r.IsHeader))
        {
            var cells = Cells(row);
            if (cells.Any(c => c.Runs.Count > 0))
            {
                passages.Add(new KnowledgePassage { Ordinal = passages.Count, Kind = PassageKind.TableRow, Line = row.Line + 1, Body = Join(cells, " · "), Header = header, Cells = cells });
            }
        }
    }

    private static RichText[] Cells(TableRow row) =>
        row.OfType<TableCell>().Select(cell => Join(cell.OfType<ParagraphBlock>().Select(p => Runs(p.Inline)).ToArray(), " ")).ToArray();

    /// <summary>An item's own paragraphs, then its nested items, each on a line of its own.</summary>
    private static RichText ListItemText(ListItemBlock item)
    {
        var parts = new List<RichText>();
        foreach (var child in item)
        {
            switch (child)
            {
                case ParagraphBlock paragraph:
                    parts.Add(Runs(paragraph.Inline));
                    break;
                case ListBlock nested:
                    parts.AddRange(nested.OfType<ListItemBlock>().Select(ListItemText).Select(t => new RichText([new TextRun("– "), .. t.Runs])));
                    break;
                case CodeBlock code:
                    parts.Add(new RichText([new TextRun(code.Lines.ToString().TrimEnd('\n', '\r'), RunStyle.Code)]));
                    break;
            }
        }

        return Join(parts.Where(p => p.Runs.Count > 0).ToArray(), "\n");
    }

    private static RichText Join(RichText[] parts, string separator)
    {
        var runs = new List<TextRun>();
        for (var i = 0; i < parts.Length; i++)
        {
            if (i > 0 && runs.Count > 0)
            {
                runs.Add(new TextRun(separator));
            }

            runs.AddRange(parts[i].Runs);
        }

        return new RichText(Merge(runs));
    }

    /// <summary>A long introduction keeps only its last sentence: the one that leads into the code.</summary>
    private static RichText Intro(RichText text)
    {
        if (text.Text.Length <= MaxIntroLength)
        {
            return text;
        }

        // Find the start of the last sentence (after ". ", "。" or "：" that is not at the very end).
        var plain = text.Text;
        var cut = -1;
        for (var i = plain.Length - 2; i > 0; i--)
        {
            if ((plain[i] is '.' or '!' or '?' && char.IsWhiteSpace(plain[i + 1])) || plain[i] is '。' or '！' or '？')
            {
                cut = i + 1;
                break;
            }
        }

        return cut <= 0 ? text : Slice(text, cut);
    }

    /// <summary>The runs from character <paramref name="start"/> of the text on.</summary>
    private static RichText Slice(RichText text, int start)
    {
        var runs = new List<TextRun>();
        var at = 0;
        foreach (var run in text.Runs)
        {
            var end = at + run.Text.Length;
            if (end > start)
            {
                runs.Add(at >= start ? run : run with { Text = run.Text[(start - at)..] });
            }

            at = end;
        }

        if (runs.Count > 0)
        {
            runs[0] = runs[0] with { Text = runs[0].Text.TrimStart() };
        }

        return new RichText(runs);
    }

    /// <summary>The runs of a block's inlines: literal text, code, links, strong and emphasised text.</summary>
    internal static RichText Runs(ContainerInline? inline)
    {
        var runs = new List<TextRun>();
        if (inline is not null)
        {
            Append(inline, RunStyle.None, null, runs);
        }

        // Soft line breaks became spaces; trim the ends.
        if (runs.Count > 0)
        {
            runs[0] = runs[0] with { Text = runs[0].Text.TrimStart() };
            runs[^1] = runs[^1] with { Text = runs[^1].Text.TrimEnd() };
        }

        return new RichText(Merge(runs.Where(r => r.Text.Length > 0)));
    }

    private static void Append(Inline node, RunStyle style, string? url, List<TextRun> runs)
    {
        switch (node)
        {
            case LiteralInline literal:
                runs.Add(new TextRun(literal.Content.ToString(), style, url));
                break;
            case CodeInline code:
                runs.Add(new TextRun(code.Content, style | RunStyle.Code, url));
                break;
            case LineBreakInline:
                runs.Add(new TextRun(" ", style, url));
                break;
            case AutolinkInline autolink:
                runs.Add(new TextRun(autolink.Url, style, autolink.IsEmail ? null : autolink.Url));
                break;
            case LinkInline { IsImage: true }:
                break;
            case LinkInline link:
                foreach (var child in link)
                {
                    Append(child, style, link.Url, runs);
                }

                break;
            case EmphasisInline emphasis:
                var inner = style | (emphasis.DelimiterCount >= 2 ? RunStyle.Strong : RunStyle.Emphasis);
                foreach (var child in emphasis)
                {
                    Append(child, inner, url, runs);
                }

                break;
            case ContainerInline container:
                foreach (var child in container)
                {
                    Append(child, style, url, runs);
                }

                break;
        }
    }

    /// <summary>Neighbouring runs of the same style and link become one.</summary>
    private static List<TextRun> Merge(IEnumerable<TextRun> runs)
    {
        var merged = new List<TextRun>();
        foreach (var run in runs)
        {
            if (merged.Count > 0 && merged[^1].Style == run.Style && merged[^1].Url == run.Url)
            {
                merged[^1] = merged[^1] with { Text = merged[^1].Text + run.Text };
            }
            else
            {
                merged.Add(run);
            }
        }

        return merged;
    }
}
