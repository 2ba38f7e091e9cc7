using CniBot.Conversation;
using CniBot.Bot.BotFramework.State;
using CniBot.Hosting;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CniBot.Bot.BotFramework;

public static class BotFrameworkServiceCollectionExtensions
{
    /// <summary>
    /// The Bot Framework side: authentication from the standard keys (<c>MicrosoftAppId</c>, ...; an empty app id
    /// turns authentication off for local use), the adapter, state storage and the bot.
    /// </summary>
    public static IServiceCollection AddCniBotFramework(this IServiceCollection services, IConfiguration configuration)
    {
        // Outbound calls (the Bot Connector, token and key endpoints) go through IHttpClientFactory with retries
        // and timeouts kept short: a user is waiting for the reply.
        services.AddHttpClient(Microsoft.Extensions.Options.Options.DefaultName).AddStandardResilienceHandler(options =>
        {
            options.Retry.MaxRetryAttempts = 2;
            options.Retry.Delay = TimeSpan.FromMilliseconds(200);
            options.AttemptTimeout.Timeout = TimeSpan.FromSeconds(5);
            options.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(20);
            options.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(15);
        });

        services.AddSingleton<BotFrameworkAuthentication>(sp => new ConfigurationBotFrameworkAuthentication(
            configuration,
            credentialsFactory: null,
            authConfiguration: null,
            sp.GetRequiredService<IHttpClientFactory>(),
            sp.GetRequiredService<ILogger<ConfigurationBotFrameworkAuthentication>>()));

        // The dialog store every channel uses: Redis when the host registered a connection (Storage:Redis), bounded
        // memory otherwise. Kept as an IStorage here, the one folder that knows the SDK.
        services.AddOptions<CniBot.Redis.StorageOptions>().Bind(configuration.GetSection(CniBot.Redis.StorageOptions.SectionName));
        services.TryAddSingleton<IStorage>(sp =>
        {
            var storage = sp.GetRequiredService<IOptions<CniBot.Redis.StorageOptions>>().Value;
            return sp.GetService<CniBot.Redis.RedisConnection>() is { } redis ? new RedisStorage(redis, storage) : new BoundedMemoryStorage(storage);
        });
        services.TryAddSingleton<IDialogStore>(sp => new StorageDialogStore(sp.GetRequiredService<IStorage>()));
        services.TryAddSingleton(sp => new SentAnswers(sp.GetRequiredService<IStorage>()));

        // The channel-neutral turn: limits, dialog state, the conversation engine.
        services.AddOptions<RateLimitOptions>().Bind(configuration.GetSection(RateLimitOptions.SectionName));
        services.TryAddMemorySharedCounters();
        services.AddSingleton(sp => new TurnRateLimiter(sp.GetRequiredService<ISharedCounters>(), sp.GetRequiredService<IOptions<RateLimitOptions>>().Value));
        services.TryAddSingleton<TurnHandler>();

        // A factory: CloudAdapter's constructors are ambiguous to the container.
        services.AddSingleton(sp => new CniBotAdapter(
            sp.GetRequiredService<BotFrameworkAuthentication>(),
            sp.GetRequiredService<TurnHandler>(),
            sp.GetRequiredService<ILogger<CniBotAdapter>>()));
        services.AddSingleton<IBot, KnowledgeBot>();
        services.AddOptions<BotFrameworkOptions>().Bind(configuration.GetSection(BotFrameworkOptions.SectionName));
        services.AddSingleton(sp => new ServiceUrlPolicy(
            sp.GetRequiredService<IOptions<BotFrameworkOptions>>().Value,
            Microsoft.Extensions.Hosting.HostEnvironmentEnvExtensions.IsDevelopment(sp.GetRequiredService<Microsoft.Extensions.Hosting.IHostEnvironment>())));
        return services;
    }
}
