using System.Text;
using CniBot.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace CniBot.Bot.Slack;

/// <summary>
/// <c>POST /api/slack/events</c>, <c>/api/slack/commands</c>, <c>/api/slack/interactions</c>. Each request's signature
/// is checked over the raw body before anything else (401 if it fails); what it carries goes to
/// <see cref="SlackIntake"/> (the same as Socket Mode's envelopes) and is acknowledged at once. Without
/// <c>Slack:SigningSecret</c> the endpoints do not exist (404).
/// </summary>
public static class SlackEndpoints
{
    public static IEndpointRouteBuilder MapSlack(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        if (!endpoints.ServiceProvider.GetRequiredService<IOptions<SlackOptions>>().Value.Enabled)
        {
            return endpoints;
        }

        endpoints.MapPost("/api/slack/events", (Delegate)((HttpContext http) => HandleAsync(http, EventAsync))).DisableAntiforgery();
        endpoints.MapPost("/api/slack/commands", (Delegate)((HttpContext http) => HandleAsync(http, CommandAsync))).DisableAntiforgery();
        endpoints.MapPost("/api/slack/interactions", (Delegate)((HttpContext http) => HandleAsync(http, InteractionAsync))).DisableAntiforgery();
        return endpoints;
    }

    private static async Task<IResult> HandleAsync(HttpContext http, Func<SlackIntake, string, Task<IResult>> handle)
    {
        var maxBytes = http.RequestServices.GetRequiredService<IOptions<RequestLimitOptions>>().Value.MaxBodyBytes;
        var body = await RequestBody.ReadAsync(http.Request, maxBytes, http.RequestAborted);
        if (body is null)
        {
            return Results.Json(new { error = RequestBody.TooLarge(maxBytes) }, statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        var verifier = http.RequestServices.GetRequiredService<SlackSignatureVerifier>();
        if (verifier.Verify(http.Request.Headers["X-Slack-Request-Timestamp"], http.Request.Headers["X-Slack-Signature"], body) is { } problem)
        {
            return Results.Json(new { error = problem }, statusCode: StatusCodes.Status401Unauthorized);
        }

        try
        {
            return await handle(http.RequestServices.GetRequiredService<SlackIntake>(), Encoding.UTF8.GetString(body));
        }
        catch (Exception e) when (e is JsonException or InvalidCastException or FormatException or ArgumentException)
        {
            return Results.Json(new { error = $"not a Slack request: {e.Message}" }, statusCode: StatusCodes.Status400BadRequest);
        }
    }

    private static async Task<IResult> EventAsync(SlackIntake intake, string body)
    {
        var envelope = JObject.Parse(body);
        return (string?)envelope["type"] == "url_verification"
            ? Results.Json(new { challenge = (string?)envelope["challenge"] })
            : Result(await intake.EventAsync(envelope));
    }

    private static async Task<IResult> CommandAsync(SlackIntake intake, string body)
    {
        var form = QueryHelpers.ParseQuery(body);
        if (form.TryGetValue("ssl_check", out var sslCheck) && sslCheck == "1")
        {
            return Results.Ok();
        }

        return Result(await intake.CommandAsync(name => form.TryGetValue(name, out var value) ? (string?)value : null));
    }

    private static async Task<IResult> InteractionAsync(SlackIntake intake, string body)
    {
        var form = QueryHelpers.ParseQuery(body);
        var payload = JObject.Parse((string?)form["payload"] ?? throw new FormatException("the form has no 'payload'"));
        return Result(await intake.InteractionAsync(payload));
    }

    private static IResult Result(SlackIntakeOutcome outcome) => outcome.Result switch
    {
        SlackIntakeResult.Refused => Results.Json(new { error = outcome.Reason }, statusCode: StatusCodes.Status400BadRequest),
        SlackIntakeResult.Busy => Results.StatusCode(StatusCodes.Status503ServiceUnavailable),
        _ => Results.Ok(),
    };
}
