using CniBot.Diagnosis.Flows;

namespace CniBot.Advice;

/// <summary>A row of the comparison: what is compared (encryption, BGP, ...).</summary>
public sealed record Dimension(string Id, LocalText Label);

/// <summary>One plugin's answer for one dimension, with where it comes from (a knowledge section or a URL).</summary>
public sealed record Cell(LocalText Text, string Source);

/// <summary>A plugin (or edition) in the matrix, with the machine-readable facts the recommendation scores.</summary>
public sealed record PluginEntry
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public IReadOnlyList<string> Aliases { get; init; } = [];

    public IReadOnlyList<string> Clouds { get; init; } = [];

    public IReadOnlyList<string> Features { get; init; } = [];

    /// <summary>low, medium or high.</summary>
    public string Operations { get; init; } = "medium";

    public IReadOnlyDictionary<string, Cell> Cells { get; init; } = new Dictionary<string, Cell>();

    public int Line { get; init; }
}

/// <summary>A cloud-fabric rule: when it applies, what it says, and whether it rules a plugin out.</summary>
public sealed record FabricRule
{
    public required string Id { get; init; }

    /// <summary>info (something to verify), warning, or unsupported (the plugin cannot do it there).</summary>
    public required string Severity { get; init; }

    public required LocalText Text { get; init; }

    public required string Source { get; init; }

    /// <summary>Any of these clouds among the request's (empty: any).</summary>
    public IReadOnlyList<string> Clouds { get; init; } = [];

    /// <summary>The candidate is one of these plugins (empty: any).</summary>
    public IReadOnlyList<string> Plugins { get; init; } = [];

    /// <summary>Any of these needs among the request's (empty: any).</summary>
    public IReadOnlyList<string> Needs { get; init; } = [];

    /// <summary>Applies only when traffic crosses regions or clouds.</summary>
    public bool CrossRegion { get; init; }

    public int Line { get; init; }
}

/// <summary>The advisor's data: <c>plugins.yaml</c> (the matrix) and <c>rules.yaml</c> (the cloud-fabric rules).</summary>
public sealed class PluginMatrix(IReadOnlyList<Dimension> dimensions, IReadOnlyList<PluginEntry> plugins, IReadOnlyList<FabricRule> rules)
{
    public static PluginMatrix Empty { get; } = new([], [], []);

    /// <summary>What a request may ask for (<c>recommend --needs</c>).</summary>
    public static IReadOnlyList<string> Needs { get; } =
    [
        "network-policy", "l7-policy", "fqdn-policy", "encryption", "windows", "ebpf", "kube-proxy-replacement", "bgp",
        "observability", "data-locality", "low-ops", "multi-cloud", "cost-sensitive", "low-latency",
    ];

    public static IReadOnlyList<string> CloudNames { get; } = ["aws", "azure", "gcp", "alibaba", "onprem"];

    /// <summary>What a plugin's <c>features</c> may list.</summary>
    public static IReadOnlyList<string> FeatureNames { get; } =
    [
        "network-policy", "l7-policy", "fqdn-policy", "encryption", "ebpf", "kube-proxy-replacement", "bgp", "windows",
        "observability", "portable", "native-routing", "data-locality", "commercial",
    ];

    public IReadOnlyList<Dimension> Dimensions { get; } = dimensions;

    public IReadOnlyList<PluginEntry> Plugins { get; } = plugins;

    public IReadOnlyList<FabricRule> Rules { get; } = rules;

    /// <summary>The plugin named by an id or alias, in any case.</summary>
    public PluginEntry? Find(string name)
    {
        var key = (name ?? string.Empty).Trim().ToLowerInvariant();
        return Plugins.FirstOrDefault(p => p.Id == key || p.Aliases.Contains(key));
    }
}
