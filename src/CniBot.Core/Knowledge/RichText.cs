namespace CniBot.Knowledge;

/// <summary>How a run of text is shown.</summary>
[Flags]
public enum RunStyle
{
    None = 0,
    Strong = 1,
    Emphasis = 2,

    /// <summary>Inline code: a command, a key, a file name.</summary>
    Code = 4,

    /// <summary>A word of the question that this text answers.</summary>
    Highlight = 8,
}

/// <summary>A piece of text in one style, optionally a link.</summary>
public sealed record TextRun(string Text, RunStyle Style = RunStyle.None, string? Url = null);

/// <summary>
/// Text as runs rather than markdown: each channel writes the styles its own way (Adaptive Card TextRuns, Slack
/// rich text, terminal markdown), so nothing ever has to be escaped, and no escape character reaches a reader.
/// </summary>
public sealed record RichText(IReadOnlyList<TextRun> Runs)
{
    public static RichText Empty { get; } = new([]);

    /// <summary>The text without styles.</summary>
    public string Text => Runs.Count == 1 ? Runs[0].Text : string.Concat(Runs.Select(r => r.Text));

    public static RichText Plain(string text) => new(text.Length == 0 ? [] : [new TextRun(text)]);
}
