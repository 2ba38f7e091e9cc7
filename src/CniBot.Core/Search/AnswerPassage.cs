using System.Text;
using CniBot.Knowledge;

namespace CniBot.Search;

/// <summary>
/// The passage that answers, as shown: its text runs with the question's distinctive words marked
/// <see cref="RunStyle.Highlight"/> (a table row's cells likewise, beside the header row; a code block with its
/// introducing sentence).
/// </summary>
public sealed record AnswerPassage(KnowledgePassage Passage, RichText Body, IReadOnlyList<RichText> Cells)
{
    public PassageKind Kind => Passage.Kind;

    /// <summary>A passage shown as written, nothing marked.</summary>
    public static AnswerPassage Of(KnowledgePassage passage)
    {
        ArgumentNullException.ThrowIfNull(passage);
        return new(passage, passage.Body, passage.Cells);
    }

    public IReadOnlyList<RichText> Header => Passage.Header;

    public string? Code => Passage.Code;

    /// <summary>The passage as one line of text with highlights marked <c>**like this**</c> (terminal, JSON snippet).</summary>
    public string Snippet()
    {
        var builder = new StringBuilder();
        if (Kind == PassageKind.TableRow)
        {
            for (var i = 0; i < Cells.Count; i++)
            {
                if (i > 0)
                {
                    builder.Append(" · ");
                }

                if (i < Header.Count && Header[i].Text.Length > 0)
                {
                    builder.Append(Header[i].Text).Append(": ");
                }

                Append(builder, Cells[i]);
            }

            return builder.ToString();
        }

        Append(builder, Body);
        if (Kind == PassageKind.Code)
        {
            builder.Append(builder.Length > 0 ? " " : string.Empty).Append(Code!.ReplaceLineEndings(" ⏎ "));
        }

        return builder.ToString().ReplaceLineEndings(" ");
    }

    private static void Append(StringBuilder builder, RichText text)
    {
        foreach (var run in text.Runs)
        {
            if ((run.Style & RunStyle.Highlight) != 0)
            {
                builder.Append("**").Append(run.Text).Append("**");
            }
            else
            {
                builder.Append(run.Text);
            }
        }
    }
}
