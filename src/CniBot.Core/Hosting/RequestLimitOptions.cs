namespace CniBot.Hosting;

/// <summary>
/// What one HTTP request may cost the host, bound from <c>RequestLimits</c>: requests in flight, the time one may
/// take, and the body sizes, all in one place (the turn limits people are told about in the chat are
/// <see cref="RateLimitOptions"/>).
/// </summary>
public sealed class RequestLimitOptions
{
    public const string SectionName = "RequestLimits";

    /// <summary>Requests the host works on at once; more wait in a queue of the same size, then get 429.</summary>
    public int MaxConcurrentRequests { get; set; } = 256;

    /// <summary>How long one request may take, reading a slow body included, before it is abandoned with 504.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The largest body of a Bot Framework activity or a Slack request (413 beyond it, refused before reading when
    /// the declared length says so). Teams caps a message at about 100 KB, Slack's payloads are smaller.
    /// </summary>
    public int MaxBodyBytes { get; set; } = 256 * 1024;

    /// <summary>The largest body of the local chat page's requests (a question and a button's data).</summary>
    public int MaxChatBodyBytes { get; set; } = 64 * 1024;

    /// <summary>Kestrel's own ceiling for any request body, above every endpoint's limit.</summary>
    public long MaxServerBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>The settings that are out of range, with why (the host refuses to start with any).</summary>
    public IEnumerable<(string Key, string Problem)> Problems()
    {
        if (MaxConcurrentRequests < 1)
        {
            yield return (nameof(MaxConcurrentRequests), "must be at least 1");
        }

        if (RequestTimeout <= TimeSpan.Zero)
        {
            yield return (nameof(RequestTimeout), "must be longer than zero");
        }

        if (MaxBodyBytes < 1024)
        {
            yield return (nameof(MaxBodyBytes), "must be at least 1024 bytes");
        }

        if (MaxChatBodyBytes < 1024)
        {
            yield return (nameof(MaxChatBodyBytes), "must be at least 1024 bytes");
        }

        if (MaxServerBodyBytes < Math.Max(MaxBodyBytes, MaxChatBodyBytes))
        {
            yield return (nameof(MaxServerBodyBytes), $"must be at least MaxBodyBytes and MaxChatBodyBytes ({Math.Max(MaxBodyBytes, MaxChatBodyBytes)})");
        }
    }
}
