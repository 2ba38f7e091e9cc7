namespace CniBot.Conversation;

/// <summary>The replies that need no knowledge: help, the welcome card, and the refusals a channel sends for a turn.</summary>
public static class Replies
{
    public static Reply Help(Language language, string? lead = null) => new()
    {
        Kind = ReplyKind.Help,
        Language = language,
        Title = Texts.HelpTitle(language),
        Paragraphs = lead is null ? Texts.HelpParagraphs(language) : [lead, .. Texts.HelpParagraphs(language)],
    };

    /// <summary>What a turn that failed on the bot's side gets (its dialog is reset).</summary>
    public static Reply Apology(Language language) => new() { Kind = ReplyKind.Help, Language = language, Title = Texts.Apology(language) };

    /// <summary>The card shown when the bot joins a conversation, in both languages.</summary>
    public static Reply Welcome() => new()
    {
        Kind = ReplyKind.Welcome,
        Language = Language.En,
        Title = Texts.WelcomeTitle,
        Paragraphs = Texts.WelcomeParagraphs,
        Actions = [new ReplyAction("Help · 帮助", new Dictionary<string, string> { [ActionNames.Action] = ActionNames.Help })],
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

    /// <summary>
    /// A button that starts a diagnose flow (the menu when <paramref name="flow"/> is null), with the answers already
    /// <paramref name="known"/> (by the flow's variable names) given when it starts.
    /// </summary>
    public static ReplyAction Diagnose(string label, Language language, string? flow = null, IReadOnlyDictionary<string, string>? known = null)
    {
        var data = new Dictionary<string, string> { [ActionNames.Action] = ActionNames.Diagnose };
        if (flow is not null)
        {
            data[ActionNames.Flow] = flow;
        }

        foreach (var (variable, value) in known ?? new Dictionary<string, string>())
        {
            data[ActionNames.KnownPrefix + variable] = value;
        }

        data[ActionNames.Language] = language.Code();
        return new ReplyAction(label, data);
    }
}
