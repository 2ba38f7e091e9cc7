using Prometheus;
using Microsoft.Extensions.Options;

namespace CniBot.Host;

/// <summary>
/// <c>/metrics</c> on <see cref="MetricsOptions.Port"/>: a second, minimal Kestrel server in the process, started and
/// stopped with the host (nothing when the port is 0). It has none of the public pipeline (no configuration, host filtering, limits or
/// authentication), so Prometheus can scrape it by the pod's address; a port that is taken stops the host at start.
/// </summary>
internal sealed partial class MetricsServerService(IOptions<MetricsOptions> options, IConfiguration configuration, ILogger<MetricsServerService> logger)
    : IHostedService, IAsyncDisposable
{
    private WebApplication? server;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Port == 0)
        {
            return; // served with everything else (MapCniBotMetrics)
        }

        var url = $"http://{ListenHostname(configuration["urls"])}:{options.Value.Port}";
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().UseUrls(url);
        server = builder.Build();
        server.UseMetricServer("/metrics");
        await server.StartAsync(cancellationToken);
        LogListening(logger, url);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (server is not null)
        {
            await server.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }

    /// <summary>The host part of the first listen address (<c>+</c>, <c>localhost</c>, <c>127.0.0.1</c>); Kestrel's own default is localhost.</summary>
    internal static string ListenHostname(string? urls)
    {
        var first = urls?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        return first is null ? "localhost" : BindingAddress.Parse(first).Host;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Metrics are served on {Url}/metrics")]
    private static partial void LogListening(ILogger logger, string url);
}
