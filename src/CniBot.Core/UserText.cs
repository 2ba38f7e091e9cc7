namespace CniBot;

/// <summary>
/// Bounds on what a user typed, applied before any pattern or search looks at it: a 60 KB paste must cost what the
/// bound costs, whatever the patterns downstream do with it.
/// </summary>
public static class UserText
{
    /// <summary>A turn's text: a question with a pasted log or output (the search reads the first 1,000 characters).</summary>
    public const int MaxTurn = 4000;

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
}
