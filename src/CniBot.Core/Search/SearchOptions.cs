using System.ComponentModel.DataAnnotations;

namespace CniBot.Search;

/// <summary>Tuning of retrieval, bound from the <c>Search</c> configuration section.</summary>
public sealed class SearchOptions
{
    public const string SectionName = "Search";

    /// <summary>
    /// Share of the question's topic words (weighted by how specific they are) that the best section must contain
    /// before CniBot answers an English question; below it, CniBot says it has no good answer.
    /// </summary>
    [Range(0.0, 1.0)]
    public double MinConfidence { get; set; } = 0.25;

    /// <summary>
    /// The same for a question in Chinese (with or without English terms and pasted output). Its own value because
    /// confidence is not spread alike in the two languages: an off-topic question in Chinese shares fewer words with
    /// the knowledge than one in English (on the development set, before the glossary named the neighbouring fields,
    /// the Chinese ones scored at most 0.21, the English ones up to 0.40), so one threshold either lets English ones
    /// through or declines Chinese questions it could answer. Both are calibrated on the development set
    /// (<c>cnibot eval --calibration</c>).
    /// </summary>
    [Range(0.0, 1.0)]
    public double MinConfidenceZh { get; set; } = 0.26;

    /// <summary>Weight of a match in a section's heading relative to its body, for a question in Chinese or one no
    /// longer than a heading (<see cref="QueryBuilder.HeadingLength"/> characters).</summary>
    [Range(0.0, 100.0)]
    public float HeadingBoost { get; set; } = 2.5f;

    /// <summary>
    /// The same for a longer question in English. Its headings were written in the words of the development set's
    /// questions, which a high weight rewards; on questions nobody wrote knowledge for (the blind replay of
    /// <c>benchmarks/blind-replay.py</c>) the words of a long English question's narrative and pasted output match
    /// headings by chance, and 1.25 ranks them better (docs/search.md, 2026-12-06 night). Chinese questions did not gain
    /// and answered more off-topic questions with it, short ones lose the headings written like them.
    /// </summary>
    [Range(0.0, 100.0)]
    public float LongQuestionHeadingBoost { get; set; } = 1.25f;

    /// <summary>Weight of a match in the document's title and tags relative to a section's body.</summary>
    [Range(0.0, 100.0)]
    public float TitleBoost { get; set; } = 1.2f;

    /// <summary>Weight of sections in the language the question was not asked in.</summary>
    [Range(0.0, 1.0)]
    public float OtherLanguageWeight { get; set; } = 0.7f;

    /// <summary>How many recent questions' results each knowledge snapshot keeps; 0 turns the cache off.</summary>
    [Range(0, 1_000_000)]
    public int AnswerCacheEntries { get; set; } = 4096;

    /// <summary>The answer thresholds, per language of the question.</summary>
    public AnswerThresholds Thresholds => new(MinConfidence, MinConfidenceZh);

    /// <summary>A copy to change without touching the configured instance.</summary>
    public SearchOptions Clone() => (SearchOptions)MemberwiseClone();
}
