using CniBot.Diagnosis.Calculators;

namespace CniBot.Inspection;

/// <summary>How bad a finding is: an error breaks traffic, a warning risks it, info is worth knowing.</summary>
public enum Severity
{
    Info,
    Warning,
    Error,
}

/// <summary>
/// One thing found in pasted output: what is wrong, the lines that show it, the arithmetic or reasoning behind it, and
/// the steps to fix and verify it (each tagged with what it touches, as the diagnose dialog's are).
/// </summary>
/// <param name="Sources">Knowledge sections (<c>id#anchor</c> of the English documents) or vendor URLs.</param>
public sealed record Finding(
    Severity Severity,
    string Title,
    IReadOnlyList<string> Evidence,
    IReadOnlyList<string> Working,
    IReadOnlyList<Recommendation> Steps,
    IReadOnlyList<string> Sources);

/// <summary>
/// What <see cref="OutputInspector"/> made of a paste: the kind of output (<see cref="OutputKinds"/>), every kind it
/// recognised, and the findings, worst first. No finding on recognised output means it looks healthy.
/// </summary>
public sealed record InspectionReport(string Kind, IReadOnlyList<string> Kinds, IReadOnlyList<Finding> Findings, IReadOnlyList<string> Summary, Language Language)
{
    public bool Recognised => Kinds.Count > 0;

    /// <summary>Whether something is wrong: an error or a warning (info alone is not).</summary>
    public bool HasProblems => Findings.Any(f => f.Severity != Severity.Info);

    /// <summary>Answers of the MTU diagnose flow that the output gave (its variable names: plugin, mode, family, path, underlay).</summary>
    public IReadOnlyDictionary<string, string> Known { get; init; } = new Dictionary<string, string>();
}

/// <summary>The kinds of output CniBot reads, as the CLI's JSON names them.</summary>
public static class OutputKinds
{
    public const string IpLink = "ip-link";
    public const string CalicoNodeStatus = "calicoctl-node-status";
    public const string CiliumStatus = "cilium-status";
    public const string KubectlPods = "kubectl-pods";
    public const string KubectlEvents = "kubectl-events";
    public const string IpRoute = "ip-route";
    public const string FlannelSubnetEnv = "flannel-subnet-env";
    public const string Ping = "ping";
    public const string Tracepath = "tracepath";
    public const string Conntrack = "conntrack";
    public const string Log = "log";
    public const string Mixed = "mixed";
    public const string Unknown = "unknown";

    /// <summary>What to paste, for the reply to output CniBot does not recognise.</summary>
    public static IReadOnlyList<string> Commands { get; } =
    [
        "ip -d link show (or ip link, ip addr)",
        "calicoctl node status",
        "cilium status (or cilium-dbg status, --verbose)",
        "kubectl get pods -A -o wide",
        "kubectl describe pod (its events), kubectl get events",
        "ip route",
        "cat /run/flannel/subnet.env",
        "kubectl get node <node> -o yaml (flannel's annotations)",
        "ping -M do -s <size> <peer>",
        "tracepath -n <peer>",
        "sysctl net.netfilter.nf_conntrack_count net.netfilter.nf_conntrack_max, conntrack -S, dmesg",
        "calico-node, flannel, cilium-agent, aws-node or CoreDNS logs with a message the knowledge explains",
    ];
}
