namespace CniBot.Feedback;

/// <summary>One question or section in the report, with how often it came up and when it last did.</summary>
/// <param name="Reasons">For a badly rated section, what the users wrote about it (newest first, at most
/// <see cref="FeedbackReport.MaxReasons"/>, each once).</param>
public sealed record ReportEntry(string Subject, int Count, DateTimeOffset Last, string? Language, IReadOnlyList<string>? Reasons = null);

/// <summary>What maintainers should write or fix next: unanswered questions and badly rated sections.</summary>
public sealed record FeedbackReport(IReadOnlyList<ReportEntry> Unanswered, IReadOnlyList<ReportEntry> NegativeFeedback, int PositiveFeedback)
{
    public const int MaxReasons = 5;

    /// <summary>Groups the log: the same question (ignoring case and spacing) or section counts once, newest first.</summary>
    public static FeedbackReport From(IEnumerable<FeedbackRecord> records)
    {
        var all = records.ToArray();
        var unanswered = all.Where(r => r.Kind == FeedbackKind.Unanswered && !string.IsNullOrWhiteSpace(r.Question))
            .GroupBy(r => Normalize(r.Question!))
            .Select(g => new ReportEntry(g.MaxBy(r => r.Time)!.Question!.Trim(), g.Count(), g.Max(r => r.Time), g.MaxBy(r => r.Time)!.Language))
            .OrderByDescending(e => e.Last)
            .ToArray();
        var negative = all.Where(r => r.Kind == FeedbackKind.Rating && r.Helpful == false && r.Section is not null)
            .GroupBy(r => r.Section!)
            .Select(g => new ReportEntry(g.Key, g.Count(), g.Max(r => r.Time), g.MaxBy(r => r.Time)!.Language, Reasons(g)))
            .OrderByDescending(e => e.Last)
            .ToArray();
        return new FeedbackReport(unanswered, negative, all.Count(r => r.Kind == FeedbackKind.Rating && r.Helpful == true));
    }

    private static string[] Reasons(IEnumerable<FeedbackRecord> ratings) =>
        [.. ratings.Where(r => !string.IsNullOrWhiteSpace(r.Reason)).OrderByDescending(r => r.Time).Select(r => r.Reason!.Trim()).Distinct(StringComparer.Ordinal).Take(MaxReasons)];

    private static string Normalize(string question) =>
        string.Join(' ', question.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();
}
