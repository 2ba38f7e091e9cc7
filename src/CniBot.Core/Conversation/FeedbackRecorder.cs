using CniBot.Feedback;
using CniBot.Search;

namespace CniBot.Conversation;

/// <summary>
/// What the maintainers' log and the metrics learn from a turn: a question with no good answer, and a rating of an
/// answer (the button's data names the section and carries the question it answered).
/// </summary>
internal sealed class FeedbackRecorder(IFeedbackStore feedback, IBotMetrics metrics, TimeProvider time)
{
    public void Answered(Language language) => metrics.Answered(language);

    public async Task UnansweredAsync(SearchResult result, Language language, string? channel, CancellationToken cancellationToken)
    {
        metrics.Unanswered(language);
        await feedback.AppendAsync(
            new FeedbackRecord
            {
                Time = time.GetUtcNow(),
                Kind = FeedbackKind.Unanswered,
                Question = result.Question,
                Language = language.Code(),
                Confidence = Math.Round(result.Confidence, 3),
                Channel = channel,
            },
            cancellationToken);
    }

    /// <returns>The language of the rated question (the section's when the button carries none).</returns>
    public async Task<Language> RatedAsync(bool helpful, string? question, string? section, Language sectionLanguage, string? channel, CancellationToken cancellationToken, string? reason = null)
    {
        metrics.Rated(helpful);
        var language = string.IsNullOrEmpty(question) ? sectionLanguage : LanguageExtensions.Detect(question);
        await feedback.AppendAsync(
            new FeedbackRecord
            {
                Time = time.GetUtcNow(),
                Kind = FeedbackKind.Rating,
                Question = question,
                Language = language.Code(),
                Section = section,
                Helpful = helpful,
                Channel = channel,
                Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(),
            },
            cancellationToken);
        return language;
    }
}
