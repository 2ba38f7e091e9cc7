namespace CniBot.Bot.Slack;

/// <summary>Where a reply to a Slack request goes.</summary>
public sealed record SlackReplyTarget(string Channel, string? ThreadTs, Uri? ResponseUrl, bool Ephemeral);

/// <summary>One thing a user did in Slack, ready for the bot: a message, a slash command or a button press.</summary>
public sealed record SlackInbound(
    string Id,
    string Conversation,
    string User,
    string? Text,
    IReadOnlyDictionary<string, string>? Action,
    SlackReplyTarget Target,
    string? PressedLabel = null);
