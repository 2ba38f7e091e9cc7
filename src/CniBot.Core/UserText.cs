namespace CniBot;

/// <summary>
/// Bounds on what a user typed, applied before any pattern or search looks at it: a 60 KB paste must cost what the
/// bound costs, whatever the patterns downstream do with it.
/// </summary>
public static class UserText
{
    /// <summary>A turn's text: a question with a pasted log or output (the search reads the first 1,000 characters).</summary>
    public const int MaxTurn = 4000;

    /// <summary>Pasted command output is read up to this length (Slack's message limit is 40,000 characters).</summary>
    public const int MaxPaste = 40_000;

    /// <summary>What the plugin advisor reads: a request for advice says what it needs early.</summary>
    public const int MaxAdvice = 1000;

    /// <summary>An answer to a dialog step (a number, a choice, a command).</summary>
    public const int MaxDialogAnswer = 200;

    /// <summary>The first <paramref name="max"/> characters of <paramref name="text"/> (never half a surrogate pair).</summary>
    public static string Bound(string? text, int max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        if (text is null)
        {
            return string.Empty;
        }

        if (text.Length <= max)
        {
            return text;
        }

        return text[..(char.IsHighSurrogate(text[max - 1]) ? max - 1 : max)];
    }

    /// <summary>
    /// <paramref name="text"/> in at most <paramref name="max"/> characters: whole when it fits, else cut (never half a
    /// surrogate pair) and ended with "…". For the platforms' field limits (Slack's button text, Teams' citation name).
    /// </summary>
    public static string Fit(string text, int max)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 2);
        return text.Length <= max ? text : Bound(text, max - 1).TrimEnd() + "…";
    }

    /// <summary>How much of a user's text a reply quotes back.</summary>
    public const int MaxQuoted = 120;

    /// <summary>
    /// A user's text as a reply quotes it ("no section answers “…”"): on one line, cut to
    /// <see cref="MaxQuoted"/> characters, and with the characters that card markdown, Slack mrkdwn or the chat page
    /// would read as markup (links, emphasis, code, headings, tables, mentions) replaced by their full-width look-alikes
    /// and "://" broken, so that a quote can never become a link or formatting in the bot's voice. Teams' card markdown
    /// has no backslash escapes, so the text is written to need none.
    /// </summary>
    public static string Quote(string? text)
    {
        var oneLine = string.Join(' ', (text ?? string.Empty).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        var cut = oneLine.Length <= MaxQuoted ? oneLine : Bound(oneLine, MaxQuoted).TrimEnd() + "…";
        var quoted = new System.Text.StringBuilder(cut.Length);
        foreach (var c in cut)
        {
            quoted.Append(c switch
            {
                '[' => '［',
                ']' => '］',
                '(' => '（',
                ')' => '）',
                '*' => '∗',
                '_' => '＿',
                '`' => '｀',
                '~' => '～',
                '<' => '‹',
                '>' => '›',
                '#' => '＃',
                '|' => '｜',
                _ => c,
            });
        }

        return quoted.Replace("://", "∶//").ToString();
    }
}
