using System.Net;

namespace CniBot.Tests;

public sealed class HealthAndMetricsTests(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task Healthz_And_Readyz_Answer()
    {
        Assert.Equal("ok", await host.Client.GetStringAsync(new Uri("/healthz", UriKind.Relative)));
        Assert.Equal("ready", await host.Client.GetStringAsync(new Uri("/readyz", UriKind.Relative)));
    }

    [Fact]
    public async Task Metrics_ExposeCniBotCounters()
    {
        await BotRequests.PostAsync(host.Client, BotRequests.Message("Which ports must be open for Cilium?"));
        await BotRequests.PostAsync(host.Client, BotRequests.Message("How do I bake sourdough bread?"));

        var metrics = await host.Client.GetStringAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Contains("cnibot_answers_total{language=\"en\"}", metrics, StringComparison.Ordinal);
        Assert.Contains("cnibot_no_answers_total{language=\"en\"}", metrics, StringComparison.Ordinal);
        Assert.Contains("cnibot_requests_total{endpoint=\"/api/messages\",code=\"200\"}", metrics, StringComparison.Ordinal);
        Assert.Contains("cnibot_request_duration_seconds_bucket{endpoint=\"/api/messages\"", metrics, StringComparison.Ordinal);
        // prometheus-net's registry is process-wide: other test hosts with small knowledge folders set this gauge too,
        // so only its presence is certain here (the value is checked on a host process of its own, in ScaleOutTests).
        Assert.Matches(@"cnibot_index_sections \d+", metrics);
        Assert.Contains("cnibot_knowledge_reloads_total", metrics, StringComparison.Ordinal);
        Assert.Contains("cnibot_knowledge_reload_failures_total", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownPath_Is404_AndCountedAsUnmatched()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.GetAsync(new Uri("/no/such/thing", UriKind.Relative))).StatusCode);

        Assert.Contains("cnibot_requests_total{endpoint=\"unmatched\",code=\"404\"}", await host.Client.GetStringAsync(new Uri("/metrics", UriKind.Relative)), StringComparison.Ordinal);
    }
}
