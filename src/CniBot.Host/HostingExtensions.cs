using CniBot.Bot.BotFramework;
using CniBot.Bot.Slack;
using CniBot.Conversation;
using CniBot.Feedback;
using CniBot.Hosting;
using CniBot.Knowledge;
using CniBot.Redis;
using Microsoft.Extensions.DependencyInjection.Extensions;
using CniBot.Search;
using Microsoft.Extensions.Options;
using Prometheus;

namespace CniBot.Host;

/// <summary>The host's building blocks, one per concern, so that Program.cs reads as a list.</summary>
internal static class HostingExtensions
{
    /// <summary>
    /// Where state lives. Without <c>Storage:Redis</c>: in this process (dialogs in memory, feedback in the data
    /// folder). With it: in Redis, shared by every replica (dialogs, Slack de-duplication, rate-limit counters, the
    /// feedback log). Registered first, so that the defaults elsewhere only fill gaps; the dialog store over the
    /// connection is the Bot Framework folder's (<c>AddCniBotFramework</c>).
    /// </summary>
    public static WebApplicationBuilder AddCniBotStorage(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        builder.Services.AddSingleton(options);
        // Bound for the state store where the Bot Framework side registers it; validated here, at start.
        builder.Services.AddOptions<StorageOptions>().ValidateSettings(StorageOptions.SectionName, o =>
            new (string, string)?[]
            {
                o.MemoryStateEntries < 1 ? (nameof(o.MemoryStateEntries), "must be at least 1") : null,
                o.StateTimeToLive <= TimeSpan.Zero ? (nameof(o.StateTimeToLive), "must be longer than zero") : null,
            }.OfType<(string, string)>());
        if (!options.UsesRedis)
        {
            return builder; // The bot and Slack registrations fill in the in-process defaults.
        }

        builder.Services.AddSingleton(sp => new RedisConnection(options, sp.GetRequiredService<ILogger<RedisConnection>>()));
        builder.Services.AddSingleton<ISharedCounters, RedisSharedCounters>();
        builder.Services.AddSingleton<IFeedbackStore, RedisFeedbackStore>();
        return builder;
    }

    /// <summary>The knowledge folder, search tuning, and the index that reloads itself when the folder changes.</summary>
    public static WebApplicationBuilder AddCniBotKnowledge(this WebApplicationBuilder builder)
    {
        var root = builder.Environment.ContentRootPath;
        builder.Services.AddOptions<KnowledgeOptions>().BindConfiguration(KnowledgeOptions.SectionName)
            .ValidateSettings(KnowledgeOptions.SectionName, o => new (string, string)?[]
            {
                Directory.Exists(Resolve(root, o.Path)) ? null : (nameof(KnowledgeOptions.Path), $"the knowledge folder '{Resolve(root, o.Path)}' does not exist"),
                string.IsNullOrWhiteSpace(o.SourceBaseUrl)
                || (Uri.TryCreate(o.SourceBaseUrl, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
                    ? null
                    : (nameof(KnowledgeOptions.SourceBaseUrl), $"'{o.SourceBaseUrl}' is not an http(s) URL"),
            }.OfType<(string, string)>());
        builder.Services.AddOptions<SearchOptions>().BindConfiguration(SearchOptions.SectionName).ValidateSettings(SearchOptions.SectionName);
        builder.Services.AddSingleton(sp =>
        {
            var knowledge = sp.GetRequiredService<IOptions<KnowledgeOptions>>().Value;
            return new ReloadingKnowledgeIndex(
                Resolve(root, knowledge.Path),
                sp.GetRequiredService<IOptions<SearchOptions>>().Value,
                TimeSpan.FromMilliseconds(knowledge.ReloadDebounceMilliseconds),
                sp.GetRequiredService<ILogger<ReloadingKnowledgeIndex>>());
        });
        builder.Services.AddSingleton<IKnowledgeIndex>(sp => sp.GetRequiredService<ReloadingKnowledgeIndex>());
        builder.Services.AddHostedService<KnowledgeIndexService>();
        return builder;
    }

    /// <summary>The channel-neutral conversation engine and the maintainers' feedback log.</summary>
    public static WebApplicationBuilder AddCniBotConversation(this WebApplicationBuilder builder)
    {
        var root = builder.Environment.ContentRootPath;
        builder.Services.AddOptions<ConversationOptions>().Configure<IOptions<KnowledgeOptions>>((o, knowledge) => o.SourceBaseUrl = knowledge.Value.SourceBaseUrl);
        builder.Services.AddOptions<DataOptions>().BindConfiguration(DataOptions.SectionName).ValidateSettings(DataOptions.SectionName);
        builder.Services.AddSingleton(sp => new JsonLinesFeedbackStore(Resolve(root, sp.GetRequiredService<IOptions<DataOptions>>().Value.Path)));
        builder.Services.TryAddSingleton<IFeedbackStore>(sp => sp.GetRequiredService<JsonLinesFeedbackStore>());
        builder.Services.AddSingleton<PrometheusBotMetrics>();
        builder.Services.AddSingleton<IBotMetrics>(sp => sp.GetRequiredService<PrometheusBotMetrics>());
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ConversationEngine>();
        return builder;
    }

    /// <summary>Microsoft Teams and every Bot Framework channel, through <c>POST /api/messages</c>.</summary>
    /// <remarks>
    /// Outside Development, authentication off (no <c>MicrosoftAppId</c>) stops the host at start unless
    /// <c>BotFramework:AllowAnonymous</c> says it is meant: an empty app id in a deployment is more often a secret that
    /// was not mounted than a choice.
    /// </remarks>
    public static WebApplicationBuilder AddCniBotFramework(this WebApplicationBuilder builder)
    {
        builder.Services.AddCniBotFramework(builder.Configuration);
        var development = builder.Environment.IsDevelopment();
        var configuration = builder.Configuration;
        builder.Services.AddOptions<BotFrameworkOptions>().ValidateSettings(BotFrameworkOptions.SectionName, o =>
            (!development && !o.AllowAnonymous && string.IsNullOrWhiteSpace(configuration["MicrosoftAppId"])
                ? [(nameof(BotFrameworkOptions.AllowAnonymous), $"authentication is off (MicrosoftAppId is empty) in the {builder.Environment.EnvironmentName} environment: set MicrosoftAppId, or set {BotFrameworkOptions.SectionName}:{nameof(BotFrameworkOptions.AllowAnonymous)}=true to accept unauthenticated requests on purpose")]
                : Array.Empty<(string, string)>())
            .Concat(o.AllowedServiceUrlHosts.Where(h => !ServiceUrlPolicy.IsHostPattern(h.Trim()))
                .Select(h => (nameof(BotFrameworkOptions.AllowedServiceUrlHosts), $"'{h}' is not a host name (example.com or *.example.com, no scheme, port or path)"))));
        return builder;
    }

    /// <summary>
    /// Slack's Events API, slash command and interactivity, over HTTP (with <c>Slack:SigningSecret</c>) or Socket Mode
    /// (with <c>Slack:AppToken</c>).
    /// </summary>
    public static WebApplicationBuilder AddCniBotSlack(this WebApplicationBuilder builder)
    {
        builder.Services.AddCniBotSlack(builder.Configuration);
        builder.Services.AddOptions<SlackOptions>().ValidateSettings(SlackOptions.SectionName, o =>
            (o.Connected && string.IsNullOrWhiteSpace(o.BotToken) ? [(nameof(SlackOptions.BotToken), "is required when Slack:SigningSecret or Slack:AppToken is set")] : Array.Empty<(string, string)>())
            .Concat(o.SocketMode && !o.AppToken!.Trim().StartsWith("xapp-", StringComparison.Ordinal) ? [(nameof(SlackOptions.AppToken), "is not an app-level token (xapp-…): create one with the connections:write scope under Basic Information")] : [])
            .Concat(Uri.TryCreate(o.ApiBaseUrl, UriKind.Absolute, out _) ? [] : [(nameof(SlackOptions.ApiBaseUrl), $"'{o.ApiBaseUrl}' is not an absolute URL")])
            .Concat(o.Maintainers.Where(id => !System.Text.RegularExpressions.Regex.IsMatch(id, "^[UW][A-Z0-9]{2,30}$"))
                .Select(id => (nameof(SlackOptions.Maintainers), $"'{id}' is not a Slack user id (U… or W…, from the user's profile → Copy member ID)")))
            .Concat(o.ResponseUrlHosts.Where(h => h.Trim().StartsWith('*') || !ServiceUrlPolicy.IsHostPattern(h.Trim()))
                .Select(h => (nameof(SlackOptions.ResponseUrlHosts), $"'{h}' is not a host name (no scheme, port, path or wildcard)"))));
        return builder;
    }

    public static WebApplication MapCniBotSlack(this WebApplication app)
    {
        app.MapSlack();
        return app;
    }

    /// <summary>
    /// Limits that protect the process (<c>RequestLimits</c>): a cap on requests in flight (ASP.NET Core's rate
    /// limiter; beyond it and its queue, 429), a timeout per request (504), and the body sizes (Kestrel's ceiling; the
    /// endpoints read <see cref="RequestLimitOptions"/> for their own). Per-user and per-conversation turn limits
    /// (<c>RateLimits</c>) are the bot's (<see cref="TurnRateLimiter"/>), because the person must be told in the chat;
    /// they are validated here. Every limit is read through options, bound once and checked at start.
    /// </summary>
    public static WebApplicationBuilder AddCniBotLimits(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<RequestLimitOptions>().BindConfiguration(RequestLimitOptions.SectionName)
            .ValidateSettings(RequestLimitOptions.SectionName, o => o.Problems());
        builder.Services.AddOptions<RateLimitOptions>().ValidateSettings(RateLimitOptions.SectionName, o =>
            new (string, string)?[]
            {
                o.UserTurnsPerWindow < 0 ? (nameof(o.UserTurnsPerWindow), "must be 0 (no limit) or more") : null,
                o.ConversationTurnsPerWindow < 0 ? (nameof(o.ConversationTurnsPerWindow), "must be 0 (no limit) or more") : null,
                o.Window <= TimeSpan.Zero ? (nameof(o.Window), "must be longer than zero") : null,
            }.OfType<(string, string)>());
        builder.Services.AddRateLimiter(_ => { });
        builder.Services.AddOptions<Microsoft.AspNetCore.RateLimiting.RateLimiterOptions>().Configure<IOptions<RequestLimitOptions>>((options, limits) =>
        {
            var concurrent = limits.Value.MaxConcurrentRequests;
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Probes and metrics are never limited: a saturated but healthy pod must not be restarted by its liveness
            // probe, nor go dark to Prometheus exactly when it matters.
            options.GlobalLimiter = System.Threading.RateLimiting.PartitionedRateLimiter.Create<HttpContext, string>(http => IsProbe(http.Request.Path)
                ? System.Threading.RateLimiting.RateLimitPartition.GetNoLimiter("probes")
                : System.Threading.RateLimiting.RateLimitPartition.GetConcurrencyLimiter("all", _ => new System.Threading.RateLimiting.ConcurrencyLimiterOptions
                {
                    PermitLimit = concurrent,
                    QueueLimit = concurrent,
                }));
        });
        builder.Services.AddRequestTimeouts(_ => { });
        builder.Services.AddOptions<Microsoft.AspNetCore.Http.Timeouts.RequestTimeoutOptions>().Configure<IOptions<RequestLimitOptions>>((options, limits) =>
            options.DefaultPolicy = new Microsoft.AspNetCore.Http.Timeouts.RequestTimeoutPolicy
            {
                Timeout = limits.Value.RequestTimeout,
                TimeoutStatusCode = StatusCodes.Status504GatewayTimeout,
            });
        builder.Services.AddOptions<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>().Configure<IOptions<RequestLimitOptions>>((kestrel, limits) =>
            kestrel.Limits.MaxRequestBodySize = limits.Value.MaxServerBodyBytes);
        return builder;
    }

    /// <summary>The paths that Kubernetes and Prometheus ask: exempt from the request limiter.</summary>
    internal static bool IsProbe(PathString path) =>
        path.Equals("/healthz", StringComparison.OrdinalIgnoreCase) || path.Equals("/readyz", StringComparison.OrdinalIgnoreCase) || path.Equals("/metrics", StringComparison.OrdinalIgnoreCase);

    public static WebApplication UseCniBotLimits(this WebApplication app)
    {
        app.UseRateLimiter();
        app.UseRequestTimeouts();
        return app;
    }

    /// <summary>Request metrics, and <c>/metrics</c> on a port of its own when <c>Metrics:Port</c> is set.</summary>
    public static WebApplicationBuilder AddCniBotObservability(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<RequestMetrics>();
        builder.Services.AddOptions<MetricsOptions>().BindConfiguration(MetricsOptions.SectionName).ValidateSettings(MetricsOptions.SectionName);
        builder.Services.AddHostedService<MetricsServerService>();
        return builder;
    }

    /// <summary>
    /// Sent with every response: scripts, styles, fonts and connections only from the bot's own origin (inline styles
    /// allowed, which the Adaptive Cards renderer sets; inline scripts never), images also over https and as data,
    /// no plugins, no framing, no base URL changes; and no content-type sniffing.
    /// </summary>
    internal const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' https: data:; "
        + "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    public static WebApplication UseCniBotSecurityHeaders(this WebApplication app)
    {
        app.Use((http, next) =>
        {
            http.Response.OnStarting(() =>
            {
                http.Response.Headers.XContentTypeOptions = "nosniff";
                http.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
                return Task.CompletedTask;
            });
            return next(http);
        });
        return app;
    }

    public static WebApplication UseCniBotRequestMetrics(this WebApplication app)
    {
        app.UseMiddleware<RequestMetrics>();
        return app;
    }

    /// <summary><c>/healthz</c>: the process answers. <c>/readyz</c>: the knowledge index is loaded and CniBot can answer.</summary>
    public static WebApplication MapCniBotHealth(this WebApplication app)
    {
        app.MapGet("/healthz", () => Results.Text("ok"));
        app.MapGet("/readyz", ReadyAsync);
        return app;
    }

    private static async Task<IResult> ReadyAsync(ReloadingKnowledgeIndex index, IServiceProvider services)
    {
        if (!index.IsReady)
        {
            return Results.Text("loading the knowledge index", statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        // With Redis configured, a replica that cannot write to it (unreachable, read-only, full) would lose dialogs:
        // take it out of rotation. It still answers whoever reaches it (search is local), and turns ready again by
        // itself.
        if (services.GetService<RedisConnection>() is { } redis && !await redis.AcceptsWritesAsync())
        {
            return Results.Text("the state store (Redis) is unreachable or refuses writes", statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        return Results.Text("ready");
    }

    /// <summary><c>/metrics</c> with the rest, unless <c>Metrics:Port</c> gives it a listener of its own (then 404 here).</summary>
    public static WebApplication MapCniBotMetrics(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<MetricsOptions>>().Value.Port == 0)
        {
            app.MapMetrics("/metrics");
        }

        return app;
    }

    public static WebApplication MapCniBotFramework(this WebApplication app)
    {
        app.MapBotFramework();
        return app;
    }

    private static string Resolve(string root, string path) => Path.GetFullPath(Path.Combine(root, path));
}
