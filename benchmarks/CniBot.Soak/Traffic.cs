using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace CniBot.Soak;

/// <summary>What one request was, how it ended, and whether that is what the host documents for it.</summary>
internal enum Verdict
{
    /// <summary>The documented answer.</summary>
    Expected,

    /// <summary>A documented refusal under load or during an outage (429, a 503 the documentation names).</summary>
    Documented,

    /// <summary>Anything else: a 5xx, a timeout, a refused connection, a bad request accepted.</summary>
    Unexpected,
}

/// <summary>Counts per operation and status, the first unexpected outcomes, and what must later be found again.</summary>
internal sealed class Tally
{
    private readonly ConcurrentDictionary<string, int> counts = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> unexpected = new();

    /// <summary>Every acknowledged rating by the token its question carries: when it was sent and when acknowledged.</summary>
    public ConcurrentDictionary<string, (DateTimeOffset Sent, DateTimeOffset Acknowledged)> AcknowledgedFeedback { get; } = new(StringComparer.Ordinal);

    public ConcurrentBag<string> AcknowledgedSlackChannels { get; } = [];

    public int DialogsCompleted;

    public int DialogsRestarted;

    public int UnexpectedCount => unexpected.Count;

    public IEnumerable<string> UnexpectedSamples => unexpected.Take(20);

    public IEnumerable<KeyValuePair<string, int>> Counts => counts.OrderBy(c => c.Key, StringComparer.Ordinal);

    public int Total => counts.Values.Sum();

    public void Add(string operation, string outcome, Verdict verdict, string? detail = null)
    {
        counts.AddOrUpdate($"{operation} {outcome}{(verdict == Verdict.Documented ? " (documented)" : string.Empty)}", 1, (_, n) => n + 1);
        if (verdict == Verdict.Unexpected)
        {
            unexpected.Enqueue(string.Create(CultureInfo.InvariantCulture, $"{DateTime.UtcNow:HH:mm:ss.fff} {operation} {outcome} {detail}"));
        }
    }
}

/// <summary>
/// The requests of the soak: questions, diagnose dialogs, ratings, Slack events and bad requests, each checked
/// against what the host documents for it. Bad requests go through a client of their own (<paramref name="rude"/>):
/// the server may close a connection after refusing a body it did not read, which must not hit the good traffic's
/// pooled connections.
/// </summary>
internal sealed class Traffic(HttpClient http, HttpClient rude, string slackSecret, IReadOnlyList<string> questions, Tally tally, string run)
{
    private const string TeamsServiceUrl = "https://smba.trafficmanager.net/amer/";
    private static readonly string[] DialogPath = ["Choose an MTU", "Calico", "VXLAN", "IPv4", "AWS, inter-region VPC peering (8500)"];
    private const string DialogEnd = "8450";
    private int sequence;

    private int Next() => Interlocked.Increment(ref sequence);

    public async Task QuestionAsync()
    {
        var n = Next();
        var (status, replies, error) = await SendActivityAsync(Activity(questions[n % questions.Count], $"q-{run}-{n}", $"u-{run}-{n}"));
        Judge("question", status, error, ok: replies?.Count > 0);
    }

    /// <summary>One step of a worker's diagnose dialog; <paramref name="dialog"/> keeps its conversation and last card.</summary>
    public async Task DialogStepAsync(DialogState dialog)
    {
        JsonObject activity;
        if (dialog.Step == 0)
        {
            // A new person for each dialog: one person's twenty turns a minute would otherwise be what is measured.
            var n = Next();
            (dialog.Conversation, dialog.User) = ($"d-{run}-{n}", $"du-{run}-{n}");
            activity = Activity("diagnose", dialog.Conversation, dialog.User);
        }
        else
        {
            var button = Button(dialog.Card, DialogPath[dialog.Step - 1]);
            if (button is null)
            {
                // The last turn was not the expected step (the state store was down: "guided checks are unavailable").
                Interlocked.Increment(ref tally.DialogsRestarted);
                dialog.Step = 0;
                return;
            }

            activity = Activity(null, dialog.Conversation, dialog.User);
            activity["value"] = button.DeepClone();
        }

        var (status, replies, error) = await SendActivityAsync(activity);
        Judge("dialog", status, error, ok: replies?.Count > 0);
        dialog.Card = replies?.LastOrDefault()?["attachments"]?.AsArray().FirstOrDefault()?["content"] as JsonObject;
        if (dialog.Step == DialogPath.Length)
        {
            if (dialog.Card?.ToJsonString().Contains(DialogEnd, StringComparison.Ordinal) == true)
            {
                Interlocked.Increment(ref tally.DialogsCompleted);
            }
            else
            {
                Interlocked.Increment(ref tally.DialogsRestarted);
            }

            dialog.Step = 0;
            return;
        }

        dialog.Step++;
    }

    /// <summary>A 👍/👎 press whose question names it, so that the record can be found in the log afterwards.</summary>
    public async Task FeedbackAsync()
    {
        var n = Next();
        var token = $"soak feedback {run} #{n}";
        var activity = Activity(null, $"f-{run}-{n}", $"u-{run}-{n}");
        var sent = DateTimeOffset.UtcNow;
        activity["value"] = new JsonObject { ["action"] = "feedback", ["helpful"] = n % 3 == 0 ? "false" : "true", ["section"] = "en/calico.md", ["question"] = token };
        var (status, replies, error) = await SendActivityAsync(activity);
        if (Judge("feedback", status, error, ok: replies?.Count > 0))
        {
            tally.AcknowledgedFeedback[token] = (sent, DateTimeOffset.UtcNow);
        }
    }

    /// <summary>An app mention in a channel of its own, so that its answer can be found at the fake Slack afterwards.</summary>
    public async Task SlackEventAsync()
    {
        var n = Next();
        var channel = string.Create(CultureInfo.InvariantCulture, $"CSOAK{run}{n}").ToUpperInvariant();
        var body = new JsonObject
        {
            ["token"] = "unused",
            ["team_id"] = "TSOAK",
            ["api_app_id"] = "ASOAK",
            ["type"] = "event_callback",
            ["event_id"] = $"Ev{run}{n}",
            ["event_time"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["event"] = new JsonObject
            {
                ["type"] = "app_mention",
                ["user"] = $"USOAK{n}",
                ["text"] = $"<@{FakeSlack.BotUserId}> {questions[n % questions.Count]}",
                ["ts"] = "1700000000.000100",
                ["channel"] = channel,
                ["event_ts"] = "1700000000.000100",
            },
        }.ToJsonString();
        using var request = Signed("api/slack/events", body, "application/json");
        var (status, _, error) = await SendAsync(request);
        if (status == HttpStatusCode.ServiceUnavailable)
        {
            tally.Add("slack-event", "503", Verdict.Documented); // the dispatcher's queue is full: Slack retries
        }
        else if (Judge("slack-event", status, error, ok: true))
        {
            tally.AcknowledgedSlackChannels.Add(channel);
        }
    }

    /// <summary>One of the bad requests, each with the 4xx the host documents for it.</summary>
    public async Task BadRequestAsync()
    {
        var n = Next();
        var (name, expected, request) = (n % 6) switch
        {
            0 => ("malformed-json", HttpStatusCode.BadRequest, Json("api/messages", "{\"type\": \"message\", \"text\": ")),
            1 => ("slack-forged-signature", HttpStatusCode.Unauthorized, Forged()),
            2 => ("slack-unsigned", HttpStatusCode.Unauthorized, Json("api/slack/events", "{\"type\":\"event_callback\"}")),
            3 => ("oversized-body", HttpStatusCode.RequestEntityTooLarge, Oversized()),
            4 => ("service-url-metadata", HttpStatusCode.Forbidden, Json("api/messages", MetadataServiceUrl(n))),
            _ => ("knowledge-traversal", HttpStatusCode.NotFound, new HttpRequestMessage(HttpMethod.Get, "knowledge/..%2F..%2Fappsettings.json")),
        };
        using (request)
        {
            var (status, _, error) = await SendAsync(request, rude);
            var verdict = error is null && status == expected ? Verdict.Expected
                : error is null && status == HttpStatusCode.TooManyRequests ? Verdict.Documented
                : Verdict.Unexpected;
            tally.Add($"bad:{name}", error ?? ((int)status).ToString(CultureInfo.InvariantCulture), verdict, $"expected {(int)expected}");
        }
    }

    private string MetadataServiceUrl(int n)
    {
        var activity = Activity("Which ports must be open for Cilium?", $"b-{run}-{n}", $"u-{run}-{n}");
        activity["serviceUrl"] = "http://169.254.169.254/latest/";
        activity.Remove("deliveryMode");
        return activity.ToJsonString();
    }

    /// <summary>2 MB, over the 1 MB limit, announced with <c>Expect: 100-continue</c> so that the refusal comes before the body.</summary>
    private static HttpRequestMessage Oversized()
    {
        var request = Json("api/messages", "{\"text\":\"" + new string('x', 2 * 1024 * 1024) + "\"}");
        request.Headers.ExpectContinue = true;
        return request;
    }

    private HttpRequestMessage Forged()
    {
        var request = Signed("api/slack/events", "{\"type\":\"event_callback\",\"event_id\":\"EvForged\"}", "application/json");
        request.Headers.Remove("X-Slack-Signature");
        request.Headers.Add("X-Slack-Signature", "v0=" + new string('0', 64));
        return request;
    }

    /// <summary>200 is the answer (when <paramref name="ok"/>), 429 a documented refusal, anything else unexpected.</summary>
    private bool Judge(string operation, HttpStatusCode status, string? error, bool ok)
    {
        if (error is not null)
        {
            tally.Add(operation, error, Verdict.Unexpected);
            return false;
        }

        var code = ((int)status).ToString(CultureInfo.InvariantCulture);
        if (status == HttpStatusCode.OK && ok)
        {
            tally.Add(operation, code, Verdict.Expected);
            return true;
        }

        tally.Add(operation, status == HttpStatusCode.OK ? "200 without a reply" : code, status == HttpStatusCode.TooManyRequests ? Verdict.Documented : Verdict.Unexpected);
        return false;
    }

    private async Task<(HttpStatusCode Status, JsonArray? Replies, string? Error)> SendActivityAsync(JsonObject activity)
    {
        using var request = Json("api/messages", activity.ToJsonString());
        return await SendAsync(request);
    }

    private async Task<(HttpStatusCode Status, JsonArray? Replies, string? Error)> SendAsync(HttpRequestMessage request, HttpClient? client = null)
    {
        try
        {
            using var response = await (client ?? http).SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            JsonArray? replies = null;
            if (response.IsSuccessStatusCode && response.Content.Headers.ContentType?.MediaType == "application/json" && body.Length > 0)
            {
                replies = JsonNode.Parse(body)?["activities"] as JsonArray;
            }

            return (response.StatusCode, replies, null);
        }
        catch (HttpRequestException e)
        {
            return (0, null, "connection error: " + (e.InnerException?.Message ?? e.Message));
        }
        catch (TaskCanceledException)
        {
            return (0, null, "timeout");
        }
    }

    private static JsonObject Activity(string? text, string conversation, string user)
    {
        var activity = new JsonObject
        {
            ["type"] = "message",
            ["id"] = Guid.NewGuid().ToString("N"),
            ["channelId"] = "msteams",
            ["serviceUrl"] = TeamsServiceUrl,
            ["deliveryMode"] = "expectReplies",
            ["from"] = new JsonObject { ["id"] = "29:" + user },
            ["recipient"] = new JsonObject { ["id"] = "28:cnibot" },
            ["conversation"] = new JsonObject { ["id"] = conversation, ["conversationType"] = "personal" },
        };
        if (text is not null)
        {
            activity["text"] = text;
        }

        return activity;
    }

    private static JsonNode? Button(JsonObject? card, string title) =>
        card?["body"]?.AsArray().Where(b => (string?)b?["type"] == "ActionSet").SelectMany(b => b!["actions"]!.AsArray())
            .Concat(card["actions"]?.AsArray() ?? [])
            .FirstOrDefault(b => (string?)b?["title"] == title)?["data"];

    private static HttpRequestMessage Json(string path, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return request;
    }

    /// <summary>Signed as Slack signs: HMAC-SHA256 of <c>v0:{timestamp}:{body}</c> with the signing secret.</summary>
    private HttpRequestMessage Signed(string path, string body, string contentType)
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(slackSecret), Encoding.UTF8.GetBytes($"v0:{timestamp}:{body}"));
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        request.Headers.Add("X-Slack-Signature", "v0=" + Convert.ToHexStringLower(mac));
        return request;
    }
}

/// <summary>A worker's running diagnose dialog.</summary>
internal sealed class DialogState
{
    public string User { get; set; } = string.Empty;

    public string Conversation { get; set; } = string.Empty;

    public int Step { get; set; }

    public JsonObject? Card { get; set; }
}
