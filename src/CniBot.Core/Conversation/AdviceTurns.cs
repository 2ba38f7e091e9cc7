using CniBot.Advice;
using CniBot.Diagnosis.Dialogs;
using CniBot.Search;

namespace CniBot.Conversation;

/// <summary>
/// Questions for the advisor: "compare calico cilium" gets a comparison; "which CNI for AWS + GCP with FQDN
/// policy?" a one-shot recommendation with the knowledge's matching scenario beside it; "which CNI should we use?"
/// with nothing to go on starts the interview.
/// </summary>
internal sealed class AdviceTurns(IKnowledgeIndex index, ReplyBuilder replies, FeedbackRecorder recorder)
{
    /// <summary>Columns a comparison shows at most (a chat card is narrow).</summary>
    public const int MaxCompared = 3;

    /// <returns>The turn, or null when the text is not a request for advice (or there is no plugin matrix).</returns>
    public TurnResult? Advise(string text, Language language, DialogEngine dialogs)
    {
        var advisor = new PluginAdvisor(replies.Knowledge.Advisor);
        if (advisor.Matrix.Plugins.Count == 0)
        {
            return null;
        }

        if (PluginAdvisor.AsksToCompare(text) && advisor.Mentioned(text) is { Count: >= 2 } plugins)
        {
            recorder.Answered(language);
            return new TurnResult([replies.Comparison(advisor.Compare([.. plugins.Take(MaxCompared)]), language)], null);
        }

        var command = text.TrimEnd('!', '！', '?', '？').Trim();
        if (!Texts.RecommendCommands.Any(c => c.Equals(command, StringComparison.OrdinalIgnoreCase)) && !PluginAdvisor.AsksForAdvice(text))
        {
            return null;
        }

        var request = PluginAdvisor.Parse(text);
        if (request.Clouds.Count == 0 && request.Needs.Count == 0)
        {
            return replies.Knowledge.Flows.Any(f => f.Id == ConversationEngine.RecommendFlow)
                ? DialogTurns.From(dialogs.Start(language, ConversationEngine.RecommendFlow), replies)
                : null;
        }

        recorder.Answered(language);
        var result = AdvisorCalculator.Recommend(advisor, request, language);

        // The knowledge may describe this very scenario (scenarios.md): show it next to the computed ranking.
        var search = index.Search(text, top: 2, answers: 0);
        return new TurnResult(
        [
            replies.Result(ReplyKind.Recommendation, result, language) with
            {
                Related = search.Answered ? [.. search.Hits.Select(h => h.Section)] : [],
                Actions = [ReplyBuilder.Interview(language)],
            },
        ],
        null);
    }
}
