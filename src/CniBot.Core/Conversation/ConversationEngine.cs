using CniBot.Diagnosis.Dialogs;
using CniBot.Feedback;
using CniBot.Search;

namespace CniBot.Conversation;

/// <summary>
/// Turns a user's turn into replies, whatever the channel. It routes: a command, a button, an answer to the running
/// diagnose dialog, a request for advice (<see cref="AdviceTurns"/>), or a question for the knowledge; the replies
/// are built by <see cref="ReplyBuilder"/> and <see cref="DialogTurns"/>, and what the maintainers should know is
/// recorded by <see cref="FeedbackRecorder"/>.
/// </summary>
public sealed class ConversationEngine(IKnowledgeIndex index, IFeedbackStore feedback, IBotMetrics metrics, TimeProvider time)
{
    /// <summary>The flow that interviews for a plugin recommendation (knowledge/diagnostics/recommend.yaml).</summary>
    public const string RecommendFlow = "recommend";

    private readonly FeedbackRecorder recorder = new(feedback, metrics, time);

    /// <summary>
    /// One turn: a command, a question, a button, or an answer to the running diagnose dialog (at most one per
    /// conversation; <paramref name="dialog"/> is its state, and the result carries the state after the turn).
    /// </summary>
    public async Task<TurnResult> HandleAsync(Turn turn, DialogState? dialog = null, string? channel = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turn);
        // One snapshot for the whole turn: a reload halfway through must not mix two versions of the knowledge.
        var replies = new ReplyBuilder(index.Knowledge);
        var dialogs = new DialogEngine(replies.Knowledge);
        if (turn.IsAction)
        {
            var action = turn.Action!;
            var language = LanguageExtensions.TryParse(action.GetValueOrDefault(ActionNames.Language), out var l) ? l : Language.En;
            switch (action.GetValueOrDefault(ActionNames.Action))
            {
                case ActionNames.Diagnose:
                    var known = action.Where(a => a.Key.StartsWith(ActionNames.KnownPrefix, StringComparison.Ordinal))
                        .ToDictionary(a => a.Key[ActionNames.KnownPrefix.Length..], a => UserText.Bound(a.Value, UserText.MaxDialogAnswer), StringComparer.Ordinal);
                    return DialogTurns.From(
                        known.Count > 0 && action.GetValueOrDefault(ActionNames.Flow) is { } flow ? dialogs.Start(language, flow, known) : dialogs.Start(language, action.GetValueOrDefault(ActionNames.Flow)),
                        replies);
                case ActionNames.Dialog when dialog is null:
                    var restarted = dialogs.Start(language);
                    return DialogTurns.From(restarted with { Prompt = restarted.Prompt! with { Error = Texts.DialogEnded(language) } }, replies);
                case ActionNames.Dialog:
                    return DialogTurns.From(dialogs.Continue(dialog, null, action.GetValueOrDefault(ActionNames.Value), action.GetValueOrDefault(ActionNames.Command)), replies);
                default:
                    return new TurnResult([await HandleActionAsync(action, replies, channel, cancellationToken)], dialog);
            }
        }

        var text = UserText.Bound(turn.Text, UserText.MaxTurn).Trim();
        var questionLanguage = LanguageExtensions.Detect(text);
        var command = text.TrimEnd('!', '！', '.', '。').Trim().ToLowerInvariant();
        if (Texts.DiagnoseCommands.Contains(command))
        {
            // One dialog per conversation: asking for a new check replaces the running one.
            return DialogTurns.From(dialogs.Start(questionLanguage), replies);
        }

        if (dialog is not null && text.Length > 0)
        {
            var outcome = dialogs.Continue(dialog, text);
            if (outcome.Kind != DialogOutcomeKind.Unrecognized)
            {
                return DialogTurns.From(outcome, replies);
            }

            // Not an answer to the question: if it is a question the knowledge answers, answer it and carry on.
            var search = LooksLikeAQuestion(text) ? index.Search(text, top: 3, answers: 1) : null;
            if (search is { Answered: true })
            {
                recorder.Answered(search.Language);
                var again = DialogTurns.From(outcome with { Prompt = outcome.Prompt! with { Error = null, Hint = Texts.BackToTheCheck(dialog.GetLanguage()) } }, replies);
                return new TurnResult([replies.Answer(search, text), .. again.Replies], again.Dialog);
            }

            return DialogTurns.From(outcome, replies);
        }

        if (text.Length == 0 || Texts.HelpCommands.Contains(command))
        {
            return new TurnResult([Replies.Help(questionLanguage, text.Length == 0 ? Texts.EmptyQuestion(questionLanguage) : null)], dialog);
        }

        if (Texts.AboutCommands.Contains(command))
        {
            return new TurnResult([replies.About(questionLanguage)], dialog);
        }

        var paste = new PasteTurns(replies).Read(turn.Text, questionLanguage);
        if (paste.Now is { } inspected)
        {
            return new TurnResult([inspected], dialog);
        }

        text = paste.Question ?? text;
        if (new AdviceTurns(index, replies, recorder).Advise(text, questionLanguage, dialogs) is { } advice)
        {
            return advice;
        }

        var answer = await AnswerAsync(text, questionLanguage, replies, channel, cancellationToken);
        if (paste.IfNoAnswer is { } instead && answer.Kind == ReplyKind.NoAnswer)
        {
            return new TurnResult([instead], dialog);
        }

        return new TurnResult([answer], dialog);
    }

    /// <summary>
    /// The sections that answer <paramref name="query"/>, best first, at most <paramref name="top"/>, each as the
    /// card its answer would be (the Teams compose box's search: the user picks one to insert into a conversation).
    /// None when the knowledge has no good answer.
    /// </summary>
    public IReadOnlyList<Reply> Sections(string? query, int top = 5)
    {
        var text = UserText.Bound(query, UserText.MaxTurn).Trim();
        if (text.Length == 0)
        {
            return [];
        }

        var replies = new ReplyBuilder(index.Knowledge);
        var result = index.Search(text, top, answers: top);
        return result.Answered
            ? [.. result.Hits.Select(h => replies.Section(ReplyKind.Answer, h.Section, ReplyBuilder.Passages(h), [], ReplyBuilder.Echo(text), text))]
            : [];
    }

    private async Task<Reply> AnswerAsync(string question, Language language, ReplyBuilder replies, string? channel, CancellationToken cancellationToken)
    {
        var result = index.Search(question, top: 3, answers: 1);
        if (!result.Answered)
        {
            await recorder.UnansweredAsync(result, language, channel, cancellationToken);
            return ReplyBuilder.NoAnswer(result);
        }

        recorder.Answered(language);
        return replies.Answer(result, question);
    }

    /// <summary>
    /// A rating given outside a turn (Teams' own feedback buttons): recorded like a pressed 👍/👎, with the answered
    /// question and section when the channel remembers them, and the user's reason.
    /// </summary>
    /// <param name="section">The section's key or citation (<c>en/calico#…</c>), or null when it is not known.</param>
    public async Task RateAsync(bool helpful, string? question, string? section, string? reason, string? channel, CancellationToken cancellationToken)
    {
        var found = index.Knowledge.FindSection(section);
        await recorder.RatedAsync(helpful, question, found?.Citation ?? section, found?.Language ?? Language.En, channel, cancellationToken, reason);
    }

    /// <summary>A button other than the dialog's: a rating, "show this section", help.</summary>
    private async Task<Reply> HandleActionAsync(IReadOnlyDictionary<string, string> action, ReplyBuilder replies, string? channel, CancellationToken cancellationToken)
    {
        var section = replies.Knowledge.FindSection(action.GetValueOrDefault(ActionNames.Section));
        var language = section?.Language ?? Language.En;
        switch (action.GetValueOrDefault(ActionNames.Action))
        {
            case ActionNames.Feedback when bool.TryParse(action.GetValueOrDefault(ActionNames.Helpful), out var helpful):
                var rated = await recorder.RatedAsync(
                    helpful, action.GetValueOrDefault(ActionNames.Question), section?.Citation ?? action.GetValueOrDefault(ActionNames.Section), language, channel, cancellationToken);
                return new Reply
                {
                    Kind = ReplyKind.FeedbackThanks,
                    Language = rated,
                    Title = Texts.ThanksTitle(rated),
                    Paragraphs = [helpful ? Texts.ThanksHelpful(rated) : Texts.ThanksNotHelpful(rated)],
                };
            case ActionNames.ShowSection when section is not null:
                return replies.Shown(section);
            case ActionNames.ShowSection:
                var gone = LanguageExtensions.TryParse(action.GetValueOrDefault(ActionNames.Language), out var l) ? l : Language.En;
                return new Reply { Kind = ReplyKind.Help, Language = gone, Title = Texts.SectionGoneTitle(gone), Paragraphs = [Texts.SectionGone(gone)] };
            case ActionNames.Help:
                return Replies.Help(language);
            default:
                return Replies.Help(language, Texts.UnknownAction(language));
        }
    }

    /// <summary>
    /// Mid-dialog, "weave" or "7" is a wrong answer to the question asked, not a question for the knowledge base:
    /// only text that reads as a question (a question mark, three words, or six Chinese characters) is searched.
    /// </summary>
    private static bool LooksLikeAQuestion(string text) =>
        text.EndsWith('?') || text.EndsWith('？')
        || text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length >= 3
        || text.Count(CharClasses.IsHan) >= 6;
}
