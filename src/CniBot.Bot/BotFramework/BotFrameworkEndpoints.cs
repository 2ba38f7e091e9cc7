using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Bot.Builder;
using CniBot.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Newtonsoft.Json;

namespace CniBot.Bot.BotFramework;

public static class BotFrameworkEndpoints
{
    public const string MessagesPath = "/api/messages";

    /// <summary><c>POST /api/messages</c>: the Bot Framework messaging endpoint (Teams, Web Chat, the Emulator).</summary>
    public static IEndpointConventionBuilder MapBotFramework(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost(MessagesPath, HandleAsync).DisableAntiforgery();

    private static async Task HandleAsync(HttpContext http, CniBotAdapter adapter, IBot bot, ServiceUrlPolicy serviceUrls, IOptions<RequestLimitOptions> limits)
    {
        var (activity, rejection) = await ActivityRequestReader.ReadAsync(http.Request, limits.Value.MaxBodyBytes, http.RequestAborted);

        // Replies go to the activity's serviceUrl: one the policy does not allow is refused before anything runs.
        if (rejection is null && serviceUrls.Check(new Uri(activity!.ServiceUrl)) is { } forbidden)
        {
            rejection = BotResponse.Fail(StatusCodes.Status403Forbidden, forbidden);
        }

        var response = rejection ?? await adapter.HandleAsync(http.Request.Headers.Authorization.ToString() is { Length: > 0 } auth ? auth : null, activity!, bot, http.RequestAborted);
        await WriteAsync(http.Response, response);
    }

    internal static async Task WriteAsync(HttpResponse http, BotResponse response)
    {
        http.StatusCode = response.Status;
        if (response.Error is not null)
        {
            if (response.Status == StatusCodes.Status401Unauthorized)
            {
                http.Headers.WWWAuthenticate = "Bearer";
            }

            await http.WriteAsJsonAsync(new { error = response.Error });
        }
        else if (response.Body is not null)
        {
            http.ContentType = "application/json; charset=utf-8";
            await http.WriteAsync(JsonConvert.SerializeObject(response.Body, ResponseJson.Settings));
        }
    }
}
