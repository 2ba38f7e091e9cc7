using System.Diagnostics;
using Prometheus;

namespace CniBot.Host;

/// <summary>Counts and times every request by endpoint (its route pattern, never the raw path) and status code.</summary>
internal sealed class RequestMetrics : IMiddleware
{
    private static readonly Counter Requests = Metrics.CreateCounter("cnibot_requests_total", "HTTP requests handled.", "endpoint", "code");
    private static readonly Histogram Duration = Metrics.CreateHistogram(
        "cnibot_request_duration_seconds",
        "Time to handle an HTTP request.",
        new HistogramConfiguration
        {
            LabelNames = ["endpoint"],
            Buckets = Histogram.ExponentialBuckets(0.001, 2, 14), // 1 ms to 8 s
        });

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            await next(context);
        }
        finally
        {
            var endpoint = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "unmatched";
            Requests.WithLabels(endpoint, context.Response.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture)).Inc();
            Duration.WithLabels(endpoint).Observe(watch.Elapsed.TotalSeconds);
        }
    }
}
