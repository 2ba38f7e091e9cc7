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
    public static string Render(AnswerPassage passage)
    {
        ArgumentNullException.ThrowIfNull(passage);
        var builder = new StringBuilder();
        switch (passage.Kind)
        {
            case PassageKind.TableRow:
                var columns = Math.Max(passage.Header.Count, passage.Cells.Count);
                builder.Append('|');
                for (var i = 0; i < columns; i++)
                {
                    builder.Append(' ').Append(i < passage.Header.Count ? Cell(passage.Header[i]) : string.Empty).Append(" |");
                }

                builder.Append('\n').Append('|').Append(string.Concat(Enumerable.Repeat("---|", columns))).Append('\n').Append('|');
                for (var i = 0; i < columns; i++)
                {
                    builder.Append(' ').Append(i < passage.Cells.Count ? Cell(passage.Cells[i]) : string.Empty).Append(" |");
                }

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

    /// <summary>Runs as inline markdown. Code spans keep what they hold literally, so keys and paths need no escapes.</summary>
    public static string Inline(RichText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder();
        for (var i = 0; i < text.Runs.Count; i++)
        {
            var url = text.Runs[i].Url is { } u && Uri.TryCreate(u, UriKind.Absolute, out _) ? u : null;

            // The runs of one link (plain, code, bold) become one link.
            var end = i + 1;
            while (url is not null && end < text.Runs.Count && text.Runs[end].Url == url)
            {
                end++;
            }

            var content = new StringBuilder();
            for (var j = i; j < end; j++)
            {
                content.Append(Styled(text.Runs[j]));
            }

            builder.Append(url is null ? content.ToString() : $"[{content}]({url})");
            i = end - 1;
        }

        return builder.ToString();
    }

    private static string Styled(TextRun run)
    {
        var content = (run.Style & RunStyle.Code) != 0 ? Code(run.Text) : run.Text;
        return (run.Style & (RunStyle.Highlight | RunStyle.Strong)) != 0 ? "**" + content + "**" : content;
    }

    private static string Cell(RichText text) => Inline(text).Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    private static string Code(string text)
    {
        var fence = text.Contains('`', StringComparison.Ordinal) ? "`` " : "`";
        return fence + text + (fence.Length > 1 ? " ``" : "`");
    }
}
