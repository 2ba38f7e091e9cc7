namespace CniBot.Bot.BotFramework;

/// <summary>
/// Where the bot may post replies: an activity's <c>serviceUrl</c> is where the adapter sends them, so an activity
/// that names any other host is refused before its turn runs. Without it, a caller the bot does not authenticate
/// could make the server POST to an internal address, or probe ports through the connector's retries.
/// </summary>
/// <remarks>
/// The Bot Framework's channels (<c>*.botframework.com</c>, and its US Government clouds) and Microsoft Teams
/// (<c>smba.trafficmanager.net</c>, and the GCC, GCC High and DoD hosts), over https; the hosts of
/// <see cref="BotFrameworkOptions.AllowedServiceUrlHosts"/> over http or https; in Development also the loopback
/// addresses the Bot Framework Emulator and its relays give (<c>http://localhost:port</c>).
/// </remarks>
public sealed class ServiceUrlPolicy
{
    /// <summary>The hosts Microsoft's services post activities from.</summary>
    public static readonly IReadOnlyList<string> ServiceHosts =
    [
        "*.botframework.com",
        "smba.trafficmanager.net",
        "smba.infra.gcc.teams.microsoft.com",
        "smba.infra.gov.teams.microsoft.us",
        "smba.infra.dod.teams.microsoft.us",
        "*.botframework.us",
        "*.botframework.azure.us",
    ];

    private readonly string[] configured;
    private readonly bool allowLoopback;

    public ServiceUrlPolicy(BotFrameworkOptions options, bool development)
    {
        ArgumentNullException.ThrowIfNull(options);
        configured = [.. options.AllowedServiceUrlHosts.Where(h => !string.IsNullOrWhiteSpace(h)).Select(h => h.Trim())];
        allowLoopback = development;
    }

    /// <summary>Null when replies may go to <paramref name="serviceUrl"/>; otherwise why not.</summary>
    public string? Check(Uri serviceUrl)
    {
        ArgumentNullException.ThrowIfNull(serviceUrl);
        var host = serviceUrl.IdnHost;
        if (configured.Any(pattern => Matches(pattern, host)))
        {
            return null;
        }

        if (ServiceHosts.Any(pattern => Matches(pattern, host)))
        {
            return serviceUrl.Scheme == Uri.UriSchemeHttps ? null : $"the activity's 'serviceUrl' must use https for '{host}'";
        }

        if (allowLoopback && serviceUrl.IsLoopback)
        {
            return null;
        }

        return $"the activity's 'serviceUrl' host '{host}' is not a Bot Framework or Teams service; add it to {BotFrameworkOptions.SectionName}:{nameof(BotFrameworkOptions.AllowedServiceUrlHosts)} to allow it";
    }

    /// <summary>Whether a configured entry is a bare host name or <c>*.</c> and one, as the setting requires.</summary>
    public static bool IsHostPattern(string pattern)
    {
        var name = pattern.StartsWith("*.", StringComparison.Ordinal) ? pattern[2..] : pattern;
        return Uri.CheckHostName(name) != UriHostNameType.Unknown && !name.Contains(':', StringComparison.Ordinal);
    }

    private static bool Matches(string pattern, string host) => pattern.StartsWith("*.", StringComparison.Ordinal)
        ? host.EndsWith(pattern[1..], StringComparison.OrdinalIgnoreCase) && host.Length > pattern.Length - 1
        : string.Equals(pattern, host, StringComparison.OrdinalIgnoreCase);
}
