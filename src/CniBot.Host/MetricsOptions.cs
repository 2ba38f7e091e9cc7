using System.ComponentModel.DataAnnotations;

namespace CniBot.Host;

/// <summary>Where Prometheus reads <c>/metrics</c>, bound from <c>Metrics</c>.</summary>
public sealed class MetricsOptions
{
    public const string SectionName = "Metrics";

    /// <summary>
    /// 0: <c>/metrics</c> is served with everything else. Another port: <c>/metrics</c> is served only there, by a
    /// listener of its own on the interfaces of the first of <c>Urls</c>, outside the public pipeline (no host
    /// filtering, limits or authentication), so that it can stay off the public route and out of <c>AllowedHosts</c>.
    /// </summary>
    [Range(0, 65535)]
    public int Port { get; set; }
}
