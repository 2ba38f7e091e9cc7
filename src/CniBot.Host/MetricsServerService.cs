using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Prometheus;

namespace CniBot.Host;

/// <summary>
/// <c>/metrics</c> on <see cref="MetricsOptions.Port"/>: prometheus-net's stand-alone listener (HttpListener), started
/// and stopped with the host (nothing when the port is 0). It has none of the public pipeline (no host filtering,
/// limits or authentication), so Prometheus can scrape it by the pod's address; a port that is taken stops the host at
/// start. Not a second ASP.NET Core host: building one while the host starts let the test harness's host interception
/// (WebApplicationFactory) capture it instead of the application.
/// </summary>
internal sealed partial class MetricsServerService(IOptions<MetricsOptions> options, IConfiguration configuration, ILogger<MetricsServerService> logger)
    : IHostedService, IDisposable
{
    private MetricServer? server;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Port == 0)
        {
            return Task.CompletedTask; // served with everything else (MapCniBotMetrics)
        }

        var hostname = ListenHostname(configuration["urls"]);
        server = new MetricServer(hostname, options.Value.Port, "metrics/");
        try
        {
            server.Start(); // binds now
        }
        catch (System.Net.HttpListenerException e)
        {
            throw new InvalidOperationException($"{MetricsOptions.SectionName}:{nameof(MetricsOptions.Port)}: cannot listen on http://{hostname}:{options.Value.Port}/metrics: {e.Message}", e);
        }

        LogListening(logger, hostname, options.Value.Port);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (server is not null)
        {
            await server.StopAsync();
        }
    }

    public void Dispose() => server?.Dispose();

    /// <summary>The host part of the first listen address (<c>+</c>, <c>localhost</c>, <c>127.0.0.1</c>); Kestrel's own default is localhost.</summary>
    internal static string ListenHostname(string? urls)
    {
        var first = urls?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        return first is null ? "localhost" : BindingAddress.Parse(first).Host;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Metrics are served on http://{Hostname}:{Port}/metrics")]
    private static partial void LogListening(ILogger logger, string hostname, int port);
}
