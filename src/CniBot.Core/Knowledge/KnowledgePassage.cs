namespace CniBot.Knowledge;

/// <summary>What a passage is, which decides how it is shown.</summary>
public enum PassageKind
{
    /// <summary>A paragraph (also one inside a block quote).</summary>
    Paragraph,

    /// <summary>One item of a list, with its nested items.</summary>
    ListItem,

    /// <summary>One row of a table, shown with the table's header row.</summary>
    TableRow,

    /// <summary>A code block, shown with the sentence that introduces it.</summary>
    Code,
}

/// <summary>
/// The unit of an answer: the paragraph, list item, table row or code block of a section that says the thing asked.
/// A section is cut into passages when the knowledge is loaded; search scores passages and shows the best one first.
/// </summary>
public sealed class KnowledgePassage
{
    /// <summary>Position among the section's passages, 0-based.</summary>
    public required int Ordinal { get; init; }

    public required PassageKind Kind { get; init; }

    /// <summary>1-based line in the file where the passage starts.</summary>
    public required int Line { get; init; }

    /// <summary>
    /// The passage as text runs: a paragraph's or list item's text; a table row's cells (see <see cref="Cells"/>);
    /// a code block's introducing sentence (empty when none).
    /// </summary>
    public required RichText Body { get; init; }

    /// <summary>A table row's header cells; empty for other kinds.</summary>
    public IReadOnlyList<RichText> Header { get; init; } = [];

    /// <summary>A table row's cells, in the header's order; empty for other kinds.</summary>
    public IReadOnlyList<RichText> Cells { get; init; } = [];

    /// <summary>A code block's text; null for other kinds.</summary>
    public string? Code { get; init; }

    /// <summary>A code block's info string (<c>yaml</c>, <c>bash</c>); null when none.</summary>
    public string? CodeLanguage { get; init; }

    /// <summary>What the passage says as plain text, for indexing and for the terminal: a table row reads
    /// <c>Mode: VXLAN (IPv6) · Overhead (bytes): 70 · Calico MTU: 1430</c>.</summary>
    public string Text => Kind switch
    {
        PassageKind.TableRow => string.Join(" · ", Cells.Select((c, i) => i < Header.Count && Header[i].Text.Length > 0 ? $"{Header[i].Text}: {c.Text}" : c.Text)),
        PassageKind.Code => Body.Text.Length == 0 ? Code! : $"{Body.Text}\n{Code}",
        _ => Body.Text,
    };
}
