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

    /// <summary>
    /// Hosts besides <c>hooks.slack.com</c> (https) that a <c>response_url</c> may name; the bot POSTs replies there,
    /// so any other is refused. Tests add their fake Slack on 127.0.0.1.
    /// </summary>
    public string[] ResponseUrlHosts { get; set; } = [];

    public bool Enabled => !string.IsNullOrWhiteSpace(SigningSecret);

    /// <summary>Whether the bot may POST a reply to <paramref name="responseUrl"/>.</summary>
    public bool AllowsResponseUrl(Uri responseUrl)
    {
        ArgumentNullException.ThrowIfNull(responseUrl);
        return (responseUrl.Scheme == Uri.UriSchemeHttps && string.Equals(responseUrl.IdnHost, "hooks.slack.com", StringComparison.OrdinalIgnoreCase))
            || (responseUrl.Scheme is "http" or "https" && ResponseUrlHosts.Any(h => string.Equals(h.Trim(), responseUrl.IdnHost, StringComparison.OrdinalIgnoreCase)));
    }
}
