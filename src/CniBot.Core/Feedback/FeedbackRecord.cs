namespace CniBot.Feedback;

public enum FeedbackKind
{
    /// <summary>A question CniBot had no good answer to.</summary>
    Unanswered,

    /// <summary>A thumbs up or down on an answer.</summary>
    Rating,
}

/// <summary>One line of the maintainers' log: an unanswered question or a rating of an answer.</summary>
public sealed record FeedbackRecord
{
    public required DateTimeOffset Time { get; init; }

    public required FeedbackKind Kind { get; init; }

    public string? Question { get; init; }

    public string? Language { get; init; }

    /// <summary>The rated section, as <c>path#anchor</c>.</summary>
    public string? Section { get; init; }

    public bool? Helpful { get; init; }

    public double? Confidence { get; init; }

    public string? Channel { get; init; }
}
