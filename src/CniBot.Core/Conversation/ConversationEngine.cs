using CniBot.Advice;
using CniBot.Diagnosis.Calculators;
using CniBot.Diagnosis.Dialogs;
using CniBot.Feedback;
using CniBot.Knowledge;
using CniBot.Search;

namespace CniBot.Conversation;

/// <summary>
/// Turns a user's turn into a reply, whatever the channel: commands, knowledge answers with citations, an honest
/// "no good answer", and the buttons under an answer (feedback, the other language, related sections).
/// </summary>
public sealed class ConversationEngine(IKnowledgeIndex index, IFeedbackStore feedback, IBotMetrics metrics, TimeProvider time)
{
    /// <summary>A question is echoed into feedback buttons; a bound keeps cards small.</summary>
    private const int MaxEchoedQuestion = 300;

    /// <summary>The flow that interviews for a plugin recommendation (knowledge/diagnostics/recommend.yaml).</summary>
    public const string RecommendFlow = "recommend";

    /// <summary>Columns a comparison shows at most (a chat card is narrow).</summary>
    public const int MaxCompared = 3;

    /// <summary>
    /// One turn: a command, a question, a button, or an answer to the running diagnose dialog (at most one per
    /// conversation; <paramref name="dialog"/> is its state, and the result carries the state after the turn).
    /// </summary>
    public async Task<TurnResult> HandleAsync(Turn turn, DialogState? dialog = null, string? channel = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var dialogs = new DialogEngine(index.Knowledge);
        if (turn.IsAction)
        {
            var action = turn.Action!;
            switch (action.GetValueOrDefault(ActionNames.Action))
            {
                case ActionNames.Diagnose:
                    var language = LanguageExtensions.TryParse(action.GetValueOrDefault(ActionNames.Language), out var l) ? l : Language.En;
                    return FromDialog(dialogs.Start(language, action.GetValueOrDefault(ActionNames.Flow)));
                case ActionNames.Dialog when dialog is null:
                    var restarted = dialogs.Start(LanguageExtensions.TryParse(action.GetValueOrDefault(ActionNames.Language), out var lang) ? lang : Language.En);
                    return FromDialog(restarted with { Prompt = restarted.Prompt! with { Error = Texts.DialogEnded(lang) } });
                case ActionNames.Dialog:
                    return FromDialog(dialogs.Continue(dialog, null, action.GetValueOrDefault(ActionNames.Value), action.GetValueOrDefault(ActionNames.Command)));
                default:
                    return new TurnResult([await HandleActionAsync(action, channel, cancellationToken)], dialog);
            }
        }

        var text = UserText.Bound(turn.Text, UserText.MaxTurn).Trim();
        var questionLanguage = LanguageExtensions.Detect(text);
        var command = text.TrimEnd('!', '！', '.', '。').Trim().ToLowerInvariant();
        if (Texts.DiagnoseCommands.Contains(command))
        {
            // One dialog per conversation: asking for a new check replaces the running one.
            return FromDialog(dialogs.Start(questionLanguage));
        }

        if (dialog is not null && text.Length > 0)
        {
            var outcome = dialogs.Continue(dialog, text);
            if (outcome.Kind != DialogOutcomeKind.Unrecognized)
            {
                return FromDialog(outcome);
            }

            // Not an answer to the question: if it is a question the knowledge answers, answer it and carry on.
            var search = LooksLikeAQuestion(text) ? index.Search(text, top: 3, answers: 1) : null;
            if (search is { Answered: true })
            {
                metrics.Answered(search.Language);
                var best = search.Hits[0];
                var answer = SectionReply(ReplyKind.Answer, best.Section, Passages(best), search.Hits.Skip(1).Select(h => h.Section).ToArray(), Echo(text), search.Question);
                var again = FromDialog(outcome with { Prompt = outcome.Prompt! with { Error = null, Hint = Texts.BackToTheCheck(dialog.GetLanguage()) } });
                return new TurnResult([answer, .. again.Replies], again.Dialog);
            }

            return FromDialog(outcome);
        }

        if (text.Length == 0 || Texts.HelpCommands.Contains(command))
        {
            return new TurnResult([Help(questionLanguage, text.Length == 0 ? Texts.EmptyQuestion(questionLanguage) : null)], dialog);
        }

        if (Texts.AboutCommands.Contains(command))
        {
            return new TurnResult([About(questionLanguage)], dialog);
        }

        if (Advise(text, questionLanguage, dialogs) is { } advice)
        {
            return advice;
        }

        return new TurnResult([await AnswerAsync(text, questionLanguage, channel, cancellationToken)], dialog);
    }

    /// <summary>
    /// "compare calico cilium" gets a comparison; "which CNI for AWS + GCP with FQDN policy?" a one-shot
    /// recommendation; "which CNI should we use?" with nothing to go on starts the interview. Null: not advice.
    /// </summary>
    private TurnResult? Advise(string text, Language language, DialogEngine dialogs)
    {
        var advisor = new PluginAdvisor(index.Knowledge.Advisor);
        if (advisor.Matrix.Plugins.Count == 0)
        {
            return null;
        }

        if (PluginAdvisor.AsksToCompare(text) && advisor.Mentioned(text) is { Count: >= 2 } plugins)
        {
            metrics.Answered(language);
            return new TurnResult([ComparisonReply(advisor.Compare([.. plugins.Take(MaxCompared)]), language)], null);
        }

        if (Texts.RecommendCommands.Contains(text.TrimEnd('!', '！', '?', '？').Trim().ToLowerInvariant()) || PluginAdvisor.AsksForAdvice(text))
        {
            var request = PluginAdvisor.Parse(text);
            if (request.Clouds.Count == 0 && request.Needs.Count == 0)
            {
                return index.Knowledge.Flows.Any(f => f.Id == RecommendFlow) ? FromDialog(dialogs.Start(language, RecommendFlow)) : null;
            }

            metrics.Answered(language);
            var result = AdvisorCalculator.Recommend(advisor, request, language);

            // The knowledge may describe this very scenario (scenarios.md): show it next to the computed ranking.
            var search = index.Search(text, top: 2, answers: 0);
            return new TurnResult(
            [
                ResultReply(ReplyKind.Recommendation, result, language) with
                {
                    Related = search.Answered ? [.. search.Hits.Select(h => h.Section)] : [],
                    Actions = [InterviewAction(language)],
                },
            ],
            null);
        }

        return null;
    }

    private Reply ComparisonReply(Comparison comparison, Language language)
    {
        var names = comparison.Plugins.Select(p => p.Name).ToArray();
        var rows = comparison.Dimensions.Select(d => new ReplyTableRow(
            d.Dimension.Label.In(language),
            [.. d.Cells.Select(c => c.Text.In(language))],
            Sections(d.Cells.Select(c => c.Source).Where(s => !IsLink(s)).Distinct(), language),
            [.. d.Cells.Select(c => c.Source).Where(IsLink).Distinct()])).ToArray();
        var same = index.Knowledge.Advisor.Dimensions.Count - rows.Length;
        return new Reply
        {
            Kind = ReplyKind.Comparison,
            Language = language,
            Title = string.Join(" vs ", names),
            Paragraphs = [rows.Length == 0 ? Texts.ComparisonSame(language) : Texts.ComparisonDiffers(language, rows.Length, same)],
            Table = new ReplyTable(names, rows),
            Actions = [InterviewAction(language)],
        };
    }

    private static bool IsLink(string source) => source.StartsWith("https://", StringComparison.Ordinal);

    private static ReplyAction InterviewAction(Language language) => new(
        Texts.RecommendLabel(language),
        new Dictionary<string, string> { [ActionNames.Action] = ActionNames.Diagnose, [ActionNames.Flow] = RecommendFlow, [ActionNames.Language] = language.Code() });

    private Reply ResultReply(ReplyKind kind, CalculationResult result, Language language) => new()
    {
        Kind = kind,
        Language = language,
        Title = result.Headline,
        Paragraphs = result.Working,
        Steps = result.Steps.Select(s => new ResultStep(s.Title, s.Body, s.Impact, Sections(s.Sources, language))).ToArray(),
        Notes = result.Notes,
        Actions = [new ReplyAction(Texts.DiagnoseLabel(language), new Dictionary<string, string> { [ActionNames.Action] = ActionNames.Diagnose, [ActionNames.Language] = language.Code() })],
    };

    /// <summary>What a user over a turn limit gets: the limit and when to try again.</summary>
    public static Reply RateLimited(Language language, Hosting.TurnLimit limit) => new()
    {
        Kind = ReplyKind.Help,
        Language = language,
        Title = Texts.RateLimitedTitle(language),
        Paragraphs = [Texts.RateLimited(language, limit)],
    };

    /// <summary>What a turn that needed a dialog gets while the state store is unreachable.</summary>
    public static Reply StateUnavailable(Language language) => new()
    {
        Kind = ReplyKind.Help,
        Language = language,
        Title = Texts.StateUnavailableTitle(language),
        Paragraphs = [Texts.StateUnavailable(language)],
    };

    /// <summary>The card shown when the bot joins a conversation, in both languages.</summary>
    public static Reply Welcome() => new()
    {
        Kind = ReplyKind.Welcome,
        Language = Language.En,
        Title = Texts.WelcomeTitle,
        Paragraphs = Texts.WelcomeParagraphs,
        Actions = [new ReplyAction("Help · 帮助", new Dictionary<string, string> { [ActionNames.Action] = ActionNames.Help })],
    };

    private async Task<Reply> AnswerAsync(string question, Language language, string? channel, CancellationToken cancellationToken)
    {
        var result = index.Search(question, top: 3, answers: 1);
        if (!result.Answered)
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
            return NoAnswer(result);
        }

        metrics.Answered(language);
        var best = result.Hits[0];
        return SectionReply(ReplyKind.Answer, best.Section, Passages(best), result.Hits.Skip(1).Select(h => h.Section).ToArray(), Echo(question), result.Question);
    }

    private async Task<Reply> HandleActionAsync(IReadOnlyDictionary<string, string> action, string? channel, CancellationToken cancellationToken)
    {
        var knowledge = index.Knowledge;
        var section = knowledge.FindSection(action.GetValueOrDefault(ActionNames.Section));
        var language = section?.Language ?? Language.En;
        switch (action.GetValueOrDefault(ActionNames.Action))
        {
            case ActionNames.Feedback when bool.TryParse(action.GetValueOrDefault(ActionNames.Helpful), out var helpful):
                metrics.Rated(helpful);
                var question = action.GetValueOrDefault(ActionNames.Question);
                var questionLanguage = string.IsNullOrEmpty(question) ? language : LanguageExtensions.Detect(question);
                await feedback.AppendAsync(
                    new FeedbackRecord
                    {
                        Time = time.GetUtcNow(),
                        Kind = FeedbackKind.Rating,
                        Question = question,
                        Language = questionLanguage.Code(),
                        Section = section?.Citation ?? action.GetValueOrDefault(ActionNames.Section),
                        Helpful = helpful,
                        Channel = channel,
                    },
                    cancellationToken);
                return new Reply
                {
                    Kind = ReplyKind.FeedbackThanks,
                    Language = questionLanguage,
                    Title = Texts.ThanksTitle(questionLanguage),
                    Paragraphs = [helpful ? Texts.ThanksHelpful(questionLanguage) : Texts.ThanksNotHelpful(questionLanguage)],
                };
            case ActionNames.ShowSection when section is not null:
                return SectionReply(ReplyKind.Section, section, [.. section.Passages.Select(AnswerPassage.Of)], [], question: null);
            case ActionNames.ShowSection:
                var gone = LanguageExtensions.TryParse(action.GetValueOrDefault(ActionNames.Language), out var l) ? l : Language.En;
                return new Reply
                {
                    Kind = ReplyKind.Help,
                    Language = gone,
                    Title = Texts.SectionGoneTitle(gone),
                    Paragraphs = [Texts.SectionGone(gone)],
                };
            case ActionNames.Help:
                return Help(language, null);
            default:
                return Help(language, Texts.UnknownAction(language));
        }
    }

    private Reply SectionReply(ReplyKind kind, KnowledgeSection section, IReadOnlyList<AnswerPassage> passages, IReadOnlyList<KnowledgeSection> related, string? question, string? asked = null)
    {
        var language = section.Language;
        var actions = new List<ReplyAction>();
        if (kind == ReplyKind.Answer)
        {
            actions.Add(FeedbackAction(Texts.Helpful, section, helpful: true, question));
            actions.Add(FeedbackAction(Texts.NotHelpful, section, helpful: false, question));
            if (section.Passages.Count > passages.Count)
            {
                actions.Add(ShowAction(Texts.MoreFromSection(language), section));
            }
        }

        if (index.Knowledge.Counterpart(section) is { } other)
        {
            actions.Add(ShowAction(Texts.OtherLanguageLabel(other.Language), other));
        }

        if (index.Knowledge.Flows.Count > 0)
        {
            actions.Add(new ReplyAction(Texts.DiagnoseLabel(language), new Dictionary<string, string> { [ActionNames.Action] = ActionNames.Diagnose, [ActionNames.Language] = language.Code() }));
        }

        return new Reply
        {
            Kind = kind,
            Language = language,
            Title = $"{section.DocumentTitle} › {section.Heading}",
            Answer = new CitedSection(section, passages, Freshness.Checked(index.Knowledge.FindDocument(section.DocumentId, section.Language), language)),
            Notes = asked is null ? [] : Freshness.OlderVersionNotes(asked, index.Knowledge.FindDocument(section.DocumentId, section.Language), language),
            Related = related.Take(2).ToArray(),
            Actions = actions,
        };
    }

    /// <summary>The passage that answers, or the whole section when it has none to single out.</summary>
    private static IReadOnlyList<AnswerPassage> Passages(SearchHit hit) =>
        hit.Answer.Count > 0 ? hit.Answer : [.. hit.Section.Passages.Select(AnswerPassage.Of)];

    private static Reply NoAnswer(SearchResult result)
    {
        var language = result.Language;
        var paragraphs = new List<string> { Texts.NoAnswerExplanation(language, UserText.Quote(result.Question)) };
        if (result.Suggestions.Count > 0)
        {
            paragraphs.Add(Texts.NoAnswerClosest(language) + " " + string.Join(" · ", result.Suggestions.Select(d => d.Title)));
        }

        paragraphs.Add(Texts.NoAnswerPhrasing(language));
        paragraphs.Add(Texts.NoAnswerRecorded(language));
        return new Reply
        {
            Kind = ReplyKind.NoAnswer,
            Language = language,
            Title = Texts.NoAnswerTitle(language),
            Paragraphs = paragraphs,
            Actions = result.Suggestions.Where(d => d.Sections.Count > 0).Select(d => ShowAction(d.Title, d.Sections[0])).ToArray(),
        };
    }

    /// <summary>The reply for a dialog's outcome, and the dialog state to keep (none once it is over).</summary>
    private TurnResult FromDialog(DialogOutcome outcome)
    {
        switch (outcome.Kind)
        {
            case DialogOutcomeKind.Cancelled:
                var language = outcome.State.GetLanguage();
                return new TurnResult([new Reply { Kind = ReplyKind.DialogCancelled, Language = language, Title = Texts.DialogCancelledTitle(language), Paragraphs = [Texts.DialogCancelled(language)] }], null);
            case DialogOutcomeKind.Result:
                return new TurnResult([ResultReply(ReplyKind.DialogResult, outcome.Result!, outcome.State.GetLanguage())], null);
            default:
                var state = outcome.State;
                var promptLanguage = state.GetLanguage();
                var prompt = outcome.Prompt!;
                var actions = prompt.Choices
                    .Select(c => new ReplyAction(c.Label, DialogData(promptLanguage, (ActionNames.Value, c.Value))))
                    .ToList();
                if (prompt.CanGoBack)
                {
                    actions.Add(new ReplyAction(Texts.BackLabel(promptLanguage), DialogData(promptLanguage, (ActionNames.Command, "back"))));
                }

                actions.Add(new ReplyAction(Texts.CancelLabel(promptLanguage), DialogData(promptLanguage, (ActionNames.Command, "cancel"))));
                return new TurnResult(
                [
                    new Reply
                    {
                        Kind = ReplyKind.DialogPrompt,
                        Language = promptLanguage,
                        Title = prompt.FlowTitle,
                        Paragraphs = new[] { prompt.Error, prompt.Hint, prompt.Text }.OfType<string>().ToArray(),
                        Actions = actions,
                    },
                ],
                state);
        }
    }

    private static Dictionary<string, string> DialogData(Language language, (string Key, string Value) entry) => new()
    {
        [ActionNames.Action] = ActionNames.Dialog,
        [entry.Key] = entry.Value,
        [ActionNames.Language] = language.Code(),
    };

    /// <summary>Knowledge sections named as <c>id#anchor</c> of the English documents, in the reply's language.</summary>
    private KnowledgeSection[] Sections(IEnumerable<string> keys, Language language) =>
        [.. keys.Select(k => index.Knowledge.FindSource(k, language)).OfType<KnowledgeSection>()];

    /// <summary>
    /// Mid-dialog, "weave" or "7" is a wrong answer to the question asked, not a question for the knowledge base:
    /// only text that reads as a question (a question mark, three words, or six Chinese characters) is searched.
    /// </summary>
    private static bool LooksLikeAQuestion(string text) =>
        text.EndsWith('?') || text.EndsWith('？')
        || text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length >= 3
        || text.Count(CharClasses.IsHan) >= 6;

    private static Reply Help(Language language, string? lead) => new()
    {
        Kind = ReplyKind.Help,
        Language = language,
        Title = Texts.HelpTitle(language),
        Paragraphs = lead is null ? Texts.HelpParagraphs(language) : [lead, .. Texts.HelpParagraphs(language)],
    };

    private Reply About(Language language)
    {
        var knowledge = index.Knowledge;
        return new Reply
        {
            Kind = ReplyKind.About,
            Language = language,
            Title = Texts.AboutTitle(language),
            Paragraphs =
            [
                Texts.AboutKnowledge(language, knowledge.Documents.Select(d => d.Id).Distinct().Count(), knowledge.Sections.Count, knowledge.LastUpdated),
                Texts.AboutHonesty(language),
            ],
        };
    }

    private static ReplyAction FeedbackAction(string label, KnowledgeSection section, bool helpful, string? question)
    {
        var data = new Dictionary<string, string>
        {
            [ActionNames.Action] = ActionNames.Feedback,
            [ActionNames.Helpful] = helpful ? "true" : "false",
            [ActionNames.Section] = section.Key,
        };
        if (!string.IsNullOrEmpty(question))
        {
            data[ActionNames.Question] = question;
        }

        return new ReplyAction(label, data);
    }

    private static ReplyAction ShowAction(string label, KnowledgeSection section) => new(label, ActionNames.ShowData(section));

    private static string Echo(string question) => question.Length <= MaxEchoedQuestion ? question : UserText.Bound(question, MaxEchoedQuestion) + "…";
}
