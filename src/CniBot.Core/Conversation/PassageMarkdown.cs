using System.Text;
using CniBot.Knowledge;
using CniBot.Search;

namespace CniBot.Conversation;

/// <summary>
/// A passage as markdown for the terminal and for channels without cards: highlighted words in bold, inline code in
/// backticks, a table row as a two-row table under its header, code in a fenced block after its introduction.
/// </summary>
public static class PassageMarkdown
{
    /// <summary>
    /// Passages one after the other: consecutive table rows under the same header make one table, consecutive list
    /// items one list.
    /// </summary>
    public static string Render(IReadOnlyList<AnswerPassage> passages)
    {
        ArgumentNullException.ThrowIfNull(passages);
        var builder = new StringBuilder();
        for (var i = 0; i < passages.Count; i++)
        {
            var passage = passages[i];
            if (builder.Length > 0)
            {
                builder.Append(passage.Kind == PassageKind.ListItem && passages[i - 1].Kind == PassageKind.ListItem ? "\n" : "\n\n");
            }

            if (passage.Kind == PassageKind.TableRow)
            {
                var rows = new List<AnswerPassage> { passage };
                while (i + 1 < passages.Count && passages[i + 1].Kind == PassageKind.TableRow && SameHeader(passages[i + 1], passage))
                {
                    rows.Add(passages[++i]);
                }

                Table(builder, rows);
            }
            else
            {
                builder.Append(Render(passage));
            }
        }

        return builder.ToString();
    }

    public static string Render(AnswerPassage passage)
    {
        ArgumentNullException.ThrowIfNull(passage);
        var builder = new StringBuilder();
        switch (passage.Kind)
        {
            case PassageKind.TableRow:
                Table(builder, [passage]);
                break;
            case PassageKind.Code:
                if (passage.Body.Runs.Count > 0)
                {
                    builder.Append(Inline(passage.Body)).Append("\n\n");
                }

                builder.Append("```").Append(passage.Passage.CodeLanguage).Append('\n').Append(passage.Code).Append("\n```");
                break;
            case PassageKind.ListItem:
                builder.Append("- ").Append(Inline(passage.Body).Replace("\n", "\n  ", StringComparison.Ordinal));
                break;
            default:
                builder.Append(Inline(passage.Body));
                break;
        }

        return builder.ToString();
    }

    /// <summary>Whether two table rows come from the same table (the same header).</summary>
    public static bool SameHeader(AnswerPassage a, AnswerPassage b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return a.Header.Select(h => h.Text).SequenceEqual(b.Header.Select(h => h.Text));
    }

    private static void Table(StringBuilder builder, List<AnswerPassage> rows)
    {
        var header = rows[0].Header;
        var columns = Math.Max(header.Count, rows.Max(r => r.Cells.Count));
        builder.Append('|');
        for (var i = 0; i < columns; i++)
        {
            builder.Append(' ').Append(i < header.Count ? Cell(header[i]) : string.Empty).Append(" |");
        }

        builder.Append('\n').Append('|').Append(string.Concat(Enumerable.Repeat("---|", columns)));
        foreach (var row in rows)
        {
            builder.Append("\n|");
            for (var i = 0; i < columns; i++)
            {
                builder.Append(' ').Append(i < row.Cells.Count ? Cell(row.Cells[i]) : string.Empty).Append(" |");
            }
        }
    }

    /// <summary>Runs as inline markdown. Code spans keep what they hold literally, so keys and paths need no escapes.</summary>
    public static string Inline(RichText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder();
        for (var i = 0; i < text.Runs.Count; i++)
        {
            var url = text.Runs[i].Url is { } u && Uri.TryCreate(u, UriKind.Absolute, out _) ? u : null;

            // The runs of one link (plain, code, bold) become one link; runs outside links go together too.
            var end = i + 1;
            while (end < text.Runs.Count && text.Runs[end].Url == text.Runs[i].Url)
            {
                end++;
            }

            // Bold runs next to each other (a highlighted word inside a bold phrase) share one pair of markers:
            // "**GCE (1460)**", not "**GCE**** (1460)**", which markdown does not read as bold.
            var content = new StringBuilder();
            for (var j = i; j < end; j++)
            {
                var run = text.Runs[j];
                var bold = Bold(run);
                content.Append(bold && (j == i || !Bold(text.Runs[j - 1])) ? "**" : string.Empty)
                    .Append((run.Style & RunStyle.Code) != 0 ? Code(run.Text) : run.Text)
                    .Append(bold && (j == end - 1 || !Bold(text.Runs[j + 1])) ? "**" : string.Empty);
            }

            builder.Append(url is null ? content.ToString() : $"[{content}]({url})");
            i = end - 1;
        }

        return builder.ToString();
    }

    private static bool Bold(TextRun run) => (run.Style & (RunStyle.Highlight | RunStyle.Strong)) != 0;

    private static string Cell(RichText text) => Inline(text).Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    private static string Code(string text)
    {
        var fence = text.Contains('`', StringComparison.Ordinal) ? "`` " : "`";
        return fence + text + (fence.Length > 1 ? " ``" : "`");
    }
}
