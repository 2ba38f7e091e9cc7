using CniBot.Conversation;
using CniBot.Hosting;
using Prometheus;

namespace CniBot.Host;

/// <summary>CniBot's own metrics on <c>/metrics</c>, all prefixed <c>cnibot_</c>.</summary>
internal sealed class PrometheusBotMetrics : IBotMetrics
{
    private static readonly Counter Answers = Metrics.CreateCounter("cnibot_answers_total", "Questions answered from the knowledge base.", "language");
    private static readonly Counter NoAnswers = Metrics.CreateCounter("cnibot_no_answers_total", "Questions the knowledge base had no good answer to.", "language");
    private static readonly Counter Ratings = Metrics.CreateCounter("cnibot_feedback_total", "Answers rated by users.", "helpful");
    private static readonly Gauge Sections = Metrics.CreateGauge("cnibot_index_sections", "Sections in the knowledge index that is serving.");
    private static readonly Counter Reloads = Metrics.CreateCounter("cnibot_knowledge_reloads_total", "Loads of the knowledge folder.");
    private static readonly Counter ReloadFailures = Metrics.CreateCounter(
        "cnibot_knowledge_reload_failures_total", "Loads that failed or had file problems (the last good content kept serving).");

    public void Answered(Language language) => Answers.WithLabels(language.Code()).Inc();

    public void Unanswered(Language language) => NoAnswers.WithLabels(language.Code()).Inc();

    public void Rated(bool helpful) => Ratings.WithLabels(helpful ? "true" : "false").Inc();

    public static void Reloaded(ReloadOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        Reloads.Inc();
        if (!outcome.Succeeded)
        {
            ReloadFailures.Inc();
        }

        if (outcome.Error is null)
        {
            Sections.Set(outcome.Sections);
        }
    }
}
