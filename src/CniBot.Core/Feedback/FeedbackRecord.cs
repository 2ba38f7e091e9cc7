namespace CniBot.Feedback;

public enum FeedbackKind
{
    /// <summary>A question CniBot had no good answer to.</summary>
    Unanswered,

    /// <summary>A thumbs up or down on an answer.</summary>
    Rating,
}

/// <summary>One line of the maintainers' log: an unanswered question or a rating of an answer.</summary>
/// <remarks>
/// Ratings arrive from the client (a button's data), so every text field is cut to a bound as it is set: a 60 KB
/// "question" in a forged button costs the log what a real one does.
/// </remarks>
public sealed record FeedbackRecord
{
    /// <summary>The longest question kept: what the search reads.</summary>
    public const int MaxQuestion = 1000;

    /// <summary>The longest section reference, language, or channel kept.</summary>
    public const int MaxField = 200;

    /// <summary>The longest reason kept (what the user wrote with a rating, where the channel asks for one).</summary>
    public const int MaxReason = 500;

    private readonly string? question;
    private readonly string? language;
    private readonly string? section;
    private readonly string? channel;
    private readonly string? reason;

    public required DateTimeOffset Time { get; init; }

    public required FeedbackKind Kind { get; init; }

    public string? Question { get => question; init => question = Cap(value, MaxQuestion); }

    public string? Language { get => language; init => language = Cap(value, MaxField); }

    /// <summary>The rated section, as <c>path#anchor</c>.</summary>
    public string? Section { get => section; init => section = Cap(value, MaxField); }

    public bool? Helpful { get; init; }

    public double? Confidence { get; init; }

    public string? Channel { get => channel; init => channel = Cap(value, MaxField); }

    /// <summary>Why the user rated so, in their words (Teams' feedback form), if they said.</summary>
    public string? Reason { get => reason; init => reason = Cap(value, MaxReason); }

    private static string? Cap(string? value, int max) => value is null ? null : UserText.Bound(value, max);
}
