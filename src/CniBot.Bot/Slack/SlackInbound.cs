namespace CniBot.Bot.Slack;

/// <summary>Where a reply to a Slack request goes.</summary>
/// <param name="DirectTo">A user whose direct messages with CniBot take the reply (a button on the Home tab, which
/// belongs to no channel); the channel is opened when the reply is sent.</param>
public sealed record SlackReplyTarget(string Channel, string? ThreadTs, Uri? ResponseUrl, bool Ephemeral, string? DirectTo = null);

/// <summary>One thing a user did in Slack, ready for the bot: a message, a slash command or a button press.</summary>
public sealed record SlackInbound(
    string Id,
    string Conversation,
    string User,
    string? Text,
    IReadOnlyDictionary<string, string>? Action,
    SlackReplyTarget Target,
    string? PressedLabel = null)
{
    /// <summary>The user opened one of CniBot's tabs (there is no turn): publish the Home tab, or offer prompts.</summary>
    public SlackTab? Opened { get; init; }

    /// <summary>The turn is a message in CniBot's agent conversation (its DM): show a status while working.</summary>
    public SlackAgentThread? AgentThread { get; init; }
}

public enum SlackTab
{
    Home,
    Messages,
}

/// <summary>A thread of CniBot's agent conversation; <paramref name="IsNew"/> when the message starts it (it gets a title).</summary>
public sealed record SlackAgentThread(string Channel, string ThreadTs, bool IsNew);
