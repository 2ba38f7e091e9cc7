using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace CniBot.Bot.Slack;

/// <summary>
/// The few Slack Web API calls CniBot makes, through IHttpClientFactory with the standard resilience handler (which
/// retries 429 after Retry-After, three times; a 429 after that is thrown as <see cref="SlackRateLimitedException"/>).
/// Slack answers most errors with HTTP 200 and <c>ok:false</c>: those are logged with their error code.
/// </summary>
public sealed partial class SlackApiClient(HttpClient http, IOptions<SlackOptions> options, SlackIdentity identity, ILogger<SlackApiClient> logger)
{

    /// <summary>Posts a message (in a thread when <paramref name="threadTs"/> is given); returns its ts.</summary>
    public async Task<string?> PostMessageAsync(string channel, SlackMessage message, string? threadTs, CancellationToken cancellationToken)
    {
        var body = Body(message);
        body["channel"] = channel;
        if (threadTs is not null)
        {
            body["thread_ts"] = threadTs;
        }

        return (string?)(await CallAsync("chat.postMessage", body, cancellationToken))?["ts"];
    }

    public async Task UpdateAsync(string channel, string ts, SlackMessage message, CancellationToken cancellationToken)
    {
        var body = Body(message);
        body["channel"] = channel;
        body["ts"] = ts;
        await CallAsync("chat.update", body, cancellationToken);
    }

    /// <summary>Answers through a slash command's or an interaction's <c>response_url</c> (no token needed).</summary>
    public async Task RespondAsync(Uri responseUrl, SlackMessage message, bool ephemeral, bool replaceOriginal, CancellationToken cancellationToken)
    {
        var body = Body(message);
        body["response_type"] = ephemeral ? "ephemeral" : "in_channel";
        body["replace_original"] = replaceOriginal;
        using var content = Json(body);
        using var response = await http.PostAsync(responseUrl, content, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            LogResponseUrlFailed(logger, (int)response.StatusCode);
        }
    }

    /// <summary>
    /// Whether <paramref name="e"/> says the Web API cannot be reached or answered in time (the network, the resilience
    /// handler's timeout or open circuit, Slack's 429 after the retries), as opposed to a bug. With a caller's token,
    /// a cancellation counts only when that token was not cancelled.
    /// </summary>
    public static bool IsUnavailable(Exception e, CancellationToken cancellationToken = default) =>
        e is HttpRequestException or TimeoutException or Polly.Timeout.TimeoutRejectedException or Polly.CircuitBreaker.BrokenCircuitException
        || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested);

    /// <summary>The bot's own user id once <see cref="BotUserIdAsync"/> has learnt it.</summary>
    public string? KnownBotUserId => identity.UserId;

    /// <summary>The bot's own user id (from <c>auth.test</c>, asked once), to ignore its own messages.</summary>
    public async Task<string?> BotUserIdAsync(CancellationToken cancellationToken)
    {
        if (KnownBotUserId is { } known)
        {
            return known;
        }

        var id = (string?)(await CallAsync("auth.test", [], cancellationToken))?["user_id"];
        identity.UserId = id;
        return id;
    }

    /// <summary>
    /// Suggested prompts for CniBot's agent conversation in <paramref name="channel"/>
    /// (<c>assistant.threads.setSuggestedPrompts</c>; no <c>thread_ts</c>, which an agent app must not send).
    /// </summary>
    public async Task SetSuggestedPromptsAsync(string channel, string title, IEnumerable<(string Title, string Message)> prompts, CancellationToken cancellationToken) =>
        await CallAsync(
            "assistant.threads.setSuggestedPrompts",
            new JObject { ["channel_id"] = channel, ["title"] = title, ["prompts"] = new JArray(prompts.Select(p => new JObject { ["title"] = p.Title, ["message"] = p.Message })) },
            cancellationToken);

    /// <summary>The "is thinking…" line of an agent thread (<c>assistant.threads.setStatus</c>); Slack clears it at the reply.</summary>
    public async Task SetStatusAsync(string channel, string threadTs, string status, IEnumerable<string> loadingMessages, CancellationToken cancellationToken) =>
        await CallAsync(
            "assistant.threads.setStatus",
            new JObject { ["channel_id"] = channel, ["thread_ts"] = threadTs, ["status"] = status, ["loading_messages"] = new JArray(loadingMessages) },
            cancellationToken);

    /// <summary>An agent thread's title (<c>assistant.threads.setTitle</c>).</summary>
    public async Task SetTitleAsync(string channel, string threadTs, string title, CancellationToken cancellationToken) =>
        await CallAsync("assistant.threads.setTitle", new JObject { ["channel_id"] = channel, ["thread_ts"] = threadTs, ["title"] = title }, cancellationToken);

    /// <summary>Publishes <paramref name="view"/> as <paramref name="user"/>'s Home tab (<c>views.publish</c>).</summary>
    public async Task PublishHomeAsync(string user, JObject view, CancellationToken cancellationToken) =>
        await CallAsync("views.publish", new JObject { ["user_id"] = user, ["view"] = view }, cancellationToken);

    /// <summary>The id of CniBot's direct-message channel with <paramref name="user"/> (<c>conversations.open</c>), or null.</summary>
    public async Task<string?> OpenDirectAsync(string user, CancellationToken cancellationToken) =>
        (string?)(await CallAsync("conversations.open", new JObject { ["users"] = user }, cancellationToken))?["channel"]?["id"];

    /// <summary>
    /// A Socket Mode WebSocket URL (<c>apps.connections.open</c>, with the app-level token); null when Slack refused
    /// (logged with its error code).
    /// </summary>
    public async Task<Uri?> OpenSocketAsync(CancellationToken cancellationToken)
    {
        var url = (string?)(await CallAsync("apps.connections.open", [], cancellationToken, options.Value.AppToken))?["url"];
        return Uri.TryCreate(url, UriKind.Absolute, out var socketUrl) ? socketUrl : null;
    }

    private async Task<JObject?> CallAsync(string method, JObject body, CancellationToken cancellationToken, string? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, method) { Content = Json(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token ?? options.Value.BotToken);
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode == System.Net.HttpStatusCode.TooManyRequests)
        {
            // Still refused after the HTTP client's retries: the caller decides whether to wait it out.
            var retryAfter = response.Headers.RetryAfter is { } header ? header.Delta ?? header.Date - DateTimeOffset.UtcNow : null;
            throw new SlackRateLimitedException(method, retryAfter is { } wait && wait > TimeSpan.Zero ? wait : null);
        }

        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        JObject? json = null;
        try
        {
            json = JObject.Parse(text);
        }
        catch (JsonReaderException)
        {
            // Reported below as a failed call.
        }

        if (!response.IsSuccessStatusCode || json?["ok"]?.Value<bool>() != true)
        {
            LogCallFailed(logger, method, (int)response.StatusCode, (string?)json?["error"] ?? "no JSON answer");
            return null;
        }

        return json;
    }

    private static JObject Body(SlackMessage message) => new() { ["text"] = message.Text, ["blocks"] = message.Blocks };

    private static StringContent Json(JObject body) =>
        new(body.ToString(Formatting.None), System.Text.Encoding.UTF8, new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" });

    [LoggerMessage(EventId = 30, Level = LogLevel.Warning, Message = "Slack {Method} failed: HTTP {Status}, {Error}")]
    private static partial void LogCallFailed(ILogger logger, string method, int status, string error);

    [LoggerMessage(EventId = 31, Level = LogLevel.Warning, Message = "Slack response_url call failed: HTTP {Status}")]
    private static partial void LogResponseUrlFailed(ILogger logger, int status);
}

/// <summary>
/// Who the bot is in Slack, learnt once. A singleton: typed HTTP clients such as <see cref="SlackApiClient"/> are
/// created anew for every use, so they cannot remember it themselves.
/// </summary>
public sealed class SlackIdentity
{
    private string? userId;

    public string? UserId
    {
        get => Volatile.Read(ref userId);
        set => Volatile.Write(ref userId, value);
    }
}
