namespace CniBot.Bot.BotFramework;

/// <summary>Settings of the Bot Framework endpoint (section <c>BotFramework</c>), beside the SDK's own <c>MicrosoftApp*</c> keys.</summary>
public sealed class BotFrameworkOptions
{
    public const string SectionName = "BotFramework";

    /// <summary>
    /// Accept requests without a Bot Framework token when <c>MicrosoftAppId</c> is empty. Outside Development the
    /// host refuses to start with authentication off unless this says so: anyone who reaches <c>/api/messages</c>
    /// could then talk to the bot as anyone.
    /// </summary>
    public bool AllowAnonymous { get; set; }

    /// <summary>
    /// Hosts the bot may post replies to besides the Bot Framework's and Teams' own (<see cref="ServiceUrlPolicy"/>):
    /// exact names (<c>bot-gateway.internal</c>) or a leading wildcard (<c>*.example.com</c>).
    /// </summary>
    public string[] AllowedServiceUrlHosts { get; set; } = [];
}
