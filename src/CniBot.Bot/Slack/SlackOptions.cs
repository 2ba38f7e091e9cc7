namespace CniBot.Bot.Slack;

/// <summary>Slack settings, bound from the <c>Slack</c> configuration section.</summary>
public sealed class SlackOptions
{
    public const string SectionName = "Slack";

    /// <summary>The app's signing secret. Empty: the Slack endpoints are off (404).</summary>
    public string? SigningSecret { get; set; }

    /// <summary>The bot token (<c>xoxb-…</c>) used for the Web API.</summary>
    public string? BotToken { get; set; }

    /// <summary>The Web API's base URL; tests point it at a fake server on 127.0.0.1.</summary>
    public string ApiBaseUrl { get; set; } = "https://slack.com/api/";

    public bool Enabled => !string.IsNullOrWhiteSpace(SigningSecret);
}
