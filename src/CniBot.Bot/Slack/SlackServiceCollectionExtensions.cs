using Microsoft.Extensions.Configuration;
using CniBot.Bot.State;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CniBot.Bot.Slack;

public static class SlackServiceCollectionExtensions
{
    /// <summary>Slack's adapter, Web API client, signature verifier and work queue (inactive without a signing secret).</summary>
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
        services.AddSingleton<SlackDispatcher>();
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<SlackDispatcher>());
        services.AddHostedService<SlackIdentityService>();
        return services;
    }
}

/// <summary>Learns the bot's own user id at start (auth.test), so that its own messages are never answered.</summary>
internal sealed class SlackIdentityService(SlackApiClient slack, IOptions<SlackOptions> options) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.Enabled && !string.IsNullOrWhiteSpace(options.Value.BotToken))
        {
            await slack.BotUserIdAsync(stoppingToken);
        }
    }
}
