namespace CniBot.Search;

/// <summary>
/// The confidence the best section needs before CniBot answers, for a question in English and for one in Chinese
/// (<see cref="SearchOptions.MinConfidence"/>, <see cref="SearchOptions.MinConfidenceZh"/>).
/// </summary>
public readonly record struct AnswerThresholds(double English, double Chinese)
{
    /// <summary>The same threshold for questions in either language.</summary>
    public static AnswerThresholds Both(double threshold) => new(threshold, threshold);

    /// <summary>The threshold for a question in <paramref name="language"/> (as detected from its text).</summary>
    public double For(Language language) => language == Language.Zh ? Chinese : English;

    public override string ToString() => FormattableString.Invariant($"{English:0.00} (English), {Chinese:0.00} (Chinese)");
}
