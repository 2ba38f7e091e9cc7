namespace CniBot.Bot.Slack;

/// <summary>Slack settings, bound from the <c>Slack</c> configuration section.</summary>
public sealed class SlackOptions
{
    public const string SectionName = "Slack";

    /// <summary>The app's signing secret. Empty: the Slack endpoints are off (404).</summary>
    public string? SigningSecret { get; set; }

    /// <summary>The bot token (<c>xoxb-…</c>) used for the Web API.</summary>
    public string? BotToken { get; set; }

    /// <summary>
    /// The app-level token (<c>xapp-…</c>, scope <c>connections:write</c>). Set: CniBot connects to Slack over Socket
    /// Mode and needs no public address; with no signing secret the HTTP endpoints stay off.
    /// </summary>
    public string? AppToken { get; set; }

    /// <summary>The Web API's base URL; tests point it at a fake server on 127.0.0.1.</summary>
    public string ApiBaseUrl { get; set; } = "https://slack.com/api/";

    /// <summary>
    /// Hosts besides <c>hooks.slack.com</c> (https) that a <c>response_url</c> may name; the bot POSTs replies there,
    /// so any other is refused. Tests add their fake Slack on 127.0.0.1.
    /// </summary>
    public string[] ResponseUrlHosts { get; set; } = [];

    /// <summary>
    /// Slack user ids (<c>U…</c>) of the knowledge's maintainers: their Home tab also lists the questions left
    /// unanswered and the sections rated unhelpful over the last four weeks.
    /// </summary>
    public string[] Maintainers { get; set; } = [];

    /// <summary>
    /// Whether CniBot's DM is Slack's agent conversation (the manifests' <c>agent_view</c>): messages are answered in
    /// their thread with a status while CniBot works, new threads get a title, and opening the Messages tab offers
    /// suggested prompts. False for an app installed without <c>agent_view</c>: DMs are answered as plain messages.
    /// </summary>
    public bool AgentView { get; set; } = true;

    /// <summary>Whether the HTTP endpoints (Events API, slash command, interactivity) are on.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(SigningSecret);

    /// <summary>Whether CniBot connects over Socket Mode.</summary>
    public bool SocketMode => !string.IsNullOrWhiteSpace(AppToken);

    /// <summary>Whether Slack is on at all, by either way in.</summary>
    public bool Connected => Enabled || SocketMode;

    /// <summary>
    /// Whether CniBot may open a WebSocket to <paramref name="socketUrl"/>, the address <c>apps.connections.open</c>
    /// gave: <c>wss</c> on slack.com or a subdomain, or any ws/wss address on the host of <see cref="ApiBaseUrl"/> (a
    /// proxy or the tests' fake Slack). Nothing else, whatever the answer says.
    /// </summary>
    public bool AllowsSocketUrl(Uri socketUrl)
    {
        ArgumentNullException.ThrowIfNull(socketUrl);
        var host = socketUrl.IdnHost;
        return (socketUrl.Scheme == "wss" && (host.Equals("slack.com", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".slack.com", StringComparison.OrdinalIgnoreCase)))
            || (socketUrl.Scheme is "ws" or "wss" && Uri.TryCreate(ApiBaseUrl, UriKind.Absolute, out var api) && string.Equals(api.IdnHost, host, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Whether the bot may POST a reply to <paramref name="responseUrl"/>.</summary>
    public bool AllowsResponseUrl(Uri responseUrl)
    {
        ArgumentNullException.ThrowIfNull(responseUrl);
        return (responseUrl.Scheme == Uri.UriSchemeHttps && string.Equals(responseUrl.IdnHost, "hooks.slack.com", StringComparison.OrdinalIgnoreCase))
            || (responseUrl.Scheme is "http" or "https" && ResponseUrlHosts.Any(h => string.Equals(h.Trim(), responseUrl.IdnHost, StringComparison.OrdinalIgnoreCase)));
    }
}
