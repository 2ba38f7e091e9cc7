using Microsoft.Extensions.Configuration;
using CniBot.Bot.BotFramework.State;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CniBot.Bot.Slack;

public static class SlackServiceCollectionExtensions
{
    /// <summary>
    /// Slack's adapter, Web API client, signature verifier, intake, work queue and Socket Mode client (inactive
    /// without a signing secret or an app token).
    /// </summary>
    public static IServiceCollection AddCniBotSlack(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SlackOptions>().Bind(configuration.GetSection(SlackOptions.SectionName));
        services.TryAddMemorySharedCounters();
        services.AddSingleton<SlackIdentity>();
        services.AddHttpClient<SlackApiClient>((sp, http) =>
        {
            var baseUrl = sp.GetRequiredService<IOptions<SlackOptions>>().Value.ApiBaseUrl;
            http.BaseAddress = new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/");
        }).AddStandardResilienceHandler(options =>
        {
            // Slack's 429 carries Retry-After, which the retry honours.
            options.Retry.MaxRetryAttempts = 3;
            options.AttemptTimeout.Timeout = TimeSpan.FromSeconds(10);
            options.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(30);
            options.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(60);
        });
        services.AddSingleton(sp => new SlackSignatureVerifier(
            sp.GetRequiredService<IOptions<SlackOptions>>().Value.SigningSecret is { Length: > 0 } secret ? secret : "slack-is-off",
            sp.GetService<TimeProvider>() ?? TimeProvider.System));
        services.AddSingleton<SlackAdapter>();
        services.AddSingleton<SlackHome>();
        services.AddSingleton<SlackOutbox>();
        services.AddSingleton<SlackDispatcher>();
        services.AddSingleton<SlackIntake>();

        // Hosted services stop in the reverse order: the dispatcher first (no new replies), then the outbox drains.
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<SlackOutbox>());
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<SlackDispatcher>());
        services.AddHostedService<SlackIdentityService>();
        services.AddHostedService<SlackSocketMode>();
        return services;
    }
}

/// <summary>
/// Learns the bot's own user id at start (auth.test), so that its own messages are never answered. Slack being
/// unreachable must not stop the bot (a background service that throws stops the host): it asks again with growing
/// pauses, up to five minutes apart, and until then the bot_id and subtype checks keep its own posts out.
/// </summary>
internal sealed partial class SlackIdentityService(SlackApiClient slack, IOptions<SlackOptions> options, ILogger<SlackIdentityService> logger) : BackgroundService
{
    private static readonly TimeSpan MaxPause = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Connected || string.IsNullOrWhiteSpace(options.Value.BotToken))
        {
            return;
        }

        var pause = TimeSpan.FromSeconds(5);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await slack.BotUserIdAsync(stoppingToken);
                return;
            }
            catch (Exception e) when (SlackApiClient.IsUnavailable(e, stoppingToken))
            {
                IdentityUnknown(logger, pause.TotalSeconds, e);
            }

            await Task.Delay(pause, stoppingToken);
            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, MaxPause.Ticks));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack's auth.test failed; asking again in {Seconds} s")]
    private static partial void IdentityUnknown(ILogger logger, double seconds, Exception error);
}
