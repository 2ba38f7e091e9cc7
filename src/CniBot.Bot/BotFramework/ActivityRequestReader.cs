using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace CniBot.Bot.BotFramework;

/// <summary>
/// Reads and checks an incoming activity before the adapter sees it: the stock adapter answers malformed or
/// incomplete activities with HTTP 500; CniBot answers 4xx with the reason.
/// </summary>
internal static class ActivityRequestReader
{
    /// <summary>Activities are small; Teams' own messages are at most about 100 KB.</summary>

    /// <summary>Bot Framework activities nest a few levels deep; anything deeper is not an activity.</summary>
    public const int MaxDepth = 32;

    private static readonly JsonSerializer Serializer = JsonSerializer.Create(new JsonSerializerSettings
    {
        MaxDepth = MaxDepth,
        NullValueHandling = NullValueHandling.Ignore,
        DateParseHandling = DateParseHandling.DateTimeOffset,
    });

    /// <returns>The activity, or the response to send instead.</returns>
    public static async Task<(Activity? Activity, BotResponse? Rejection)> ReadAsync(HttpRequest request, int maxBodyBytes, CancellationToken cancellationToken)
    {
        if (request.ContentType is null || !request.ContentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, BotResponse.Fail(415, "the body must be a Bot Framework activity as application/json"));
        }

        var body = await RequestBody.ReadAsync(request, maxBodyBytes, cancellationToken);
        if (body is null)
        {
            return (null, BotResponse.Fail(413, RequestBody.TooLarge(maxBodyBytes)));
        }

        JToken json;
        try
        {
            using var reader = new JsonTextReader(new StringReader(Encoding.UTF8.GetString(body))) { MaxDepth = MaxDepth, DateParseHandling = DateParseHandling.None };
            json = JToken.ReadFrom(reader);

            // Newtonsoft throws on anything but whitespace and comments after the value ("{...} {...}").
            while (reader.Read())
            {
            }
        }
        catch (JsonReaderException e)
        {
            return (null, BotResponse.Fail(400, $"malformed JSON: {e.Message}"));
        }

        if (json is not JObject)
        {
            return (null, BotResponse.Fail(400, "the body must be a JSON object (an activity)"));
        }

        Activity? activity;
        try
        {
            activity = json.ToObject<Activity>(Serializer);
        }
        catch (Exception e) when (e is JsonException or ArgumentException or FormatException or InvalidCastException)
        {
            return (null, BotResponse.Fail(400, $"not a Bot Framework activity: {e.Message}"));
        }

        var problem = Validate(activity);
        return problem is null ? (activity, null) : (null, BotResponse.Fail(400, problem));
    }

    internal static string? Validate(Activity? activity)
    {
        if (activity is null)
        {
            return "the body is empty";
        }

        if (string.IsNullOrWhiteSpace(activity.Type))
        {
            return "the activity has no 'type'";
        }

        if (string.IsNullOrWhiteSpace(activity.Conversation?.Id))
        {
            return "the activity has no 'conversation.id'";
        }

        if (string.IsNullOrWhiteSpace(activity.ServiceUrl))
        {
            return "the activity has no 'serviceUrl'";
        }

        if (!Uri.TryCreate(activity.ServiceUrl, UriKind.Absolute, out var serviceUrl) || (serviceUrl.Scheme != Uri.UriSchemeHttps && serviceUrl.Scheme != Uri.UriSchemeHttp))
        {
            return "the activity's 'serviceUrl' is not an http(s) URL";
        }

        return null;
    }

}
