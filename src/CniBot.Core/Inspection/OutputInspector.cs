using CniBot.Diagnosis.Calculators;
using CniBot.Loading;

namespace CniBot.Inspection;

/// <summary>
/// Reads pasted command output and says what is wrong in it: each check recognises its own command's output anywhere
/// in the paste (several outputs pasted together are each checked), records what it learnt (tunnel and underlay MTUs,
/// the path MTU), and findings that need two outputs together (the path MTU from tracepath against the tunnel MTU
/// from <c>ip link</c>) are drawn at the end. Healthy output gets no finding; output nothing recognises is reported
/// as <see cref="OutputKinds.Unknown"/>.
/// </summary>
/// <param name="knowledge">The knowledge whose known messages (front matter <c>messages:</c>) are looked for in logs.</param>
public sealed class OutputInspector(KnowledgeBase? knowledge = null)
{
    public InspectionReport Inspect(Paste paste)
    {
        ArgumentNullException.ThrowIfNull(paste);
        var state = new InspectionState(paste);
        LinkCheck.Run(state);
        FlannelSubnetEnvCheck.Run(state);
        FlannelAnnotationsCheck.Run(state);
        PathMtuCheck.Run(state);
        CalicoNodeStatusCheck.Run(state);
        CiliumStatusCheck.Run(state);
        KubectlPodsCheck.Run(state);
        ConntrackCheck.Run(state);
        IpRouteCheck.Run(state);
        if (knowledge is not null)
        {
            KnownMessageCheck.Run(state, knowledge);
        }

        EventsCheck.Run(state);

        PathMtuCheck.AgainstTunnels(state);
        var kind = state.Kinds.Count switch
        {
            0 => OutputKinds.Unknown,
            1 => state.Kinds[0],
            _ => OutputKinds.Mixed,
        };
        // What a finding quotes from the paste goes back into chats and terminals: never with the credentials output
        // can carry.
        var findings = state.Findings.OrderByDescending(f => f.Severity)
            .Select(f => f with { Title = OutputLines.Redact(f.Title), Evidence = [.. f.Evidence.Select(OutputLines.Redact)], Working = [.. f.Working.Select(OutputLines.Redact)] })
            .ToArray();
        return new InspectionReport(kind, [.. state.Kinds], findings, [.. state.Summary], paste.Language) { Known = Known(state) };
    }

    /// <summary>
    /// The MTU check's answers that the output gave (the diagnose flow's variables): the plugin and mode of the
    /// tunnel read (the first one found too large, else the first), and the narrowest of the underlay and the path
    /// MTU. Empty when the output said nothing about them.
    /// </summary>
    private static Dictionary<string, string> Known(InspectionState state)
    {
        var known = new Dictionary<string, string>(StringComparer.Ordinal);
        var tunnel = state.Oversized.FirstOrDefault() ?? state.Tunnels.FirstOrDefault();
        if (tunnel is not null)
        {
            (known["plugin"], known["mode"], known["family"]) = (tunnel.Plugin, tunnel.Mode, tunnel.Ipv6 ? "v6" : "v4");
        }
        else if (state.Paste.Plugin is { } plugin && state.Paste.Mode is { } mode)
        {
            (known["plugin"], known["mode"], known["family"]) = (plugin, mode, "v4");
        }

        if (known.Count == 0)
        {
            return known;
        }

        if (state.PathMtu is { } path && (state.Underlay is not { } under || path.Mtu < under.Mtu))
        {
            (known["path"], known["underlay"]) = ("custom", path.Mtu.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        else if (state.Underlay is { } underlay)
        {
            if (underlay.Preset is { } preset)
            {
                known["path"] = preset;
            }
            else
            {
                (known["path"], known["underlay"]) = ("custom", underlay.Mtu.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return known;
    }
}

/// <summary>A tunnel device CniBot knows the overhead of, with the plugin and mode it belongs to.</summary>
internal sealed record TunnelFact(Link Link, string Plugin, string Mode, bool Ipv6);

/// <summary>What the checks found so far, shared between them.</summary>
internal sealed class InspectionState(Paste paste)
{
    public Paste Paste { get; } = paste;

    public Language Language => Paste.Language;

    public List<Finding> Findings { get; } = [];

    public List<string> Kinds { get; } = [];

    /// <summary>What was read and found in order, for the reply to healthy output.</summary>
    public List<string> Summary { get; } = [];

    public List<TunnelFact> Tunnels { get; } = [];

    /// <summary>The tunnels whose MTU the underlay cannot carry, in the order found.</summary>
    public List<TunnelFact> Oversized { get; } = [];

    /// <summary>The underlay MTU, the line that shows it and the calculator's path preset (Azure), when a check learnt it.</summary>
    public (int Mtu, string Name, string Line, string? Preset)? Underlay { get; set; }

    /// <summary>The smallest path MTU ping or tracepath reported, with the line.</summary>
    public (int Mtu, string Line)? PathMtu { get; set; }

    /// <summary>The lines the findings so far quote: a later check leaves them to the check that explained them.</summary>
    public HashSet<string> QuotedLines() => Findings.SelectMany(f => f.Evidence).ToHashSet(StringComparer.Ordinal);

    public void Recognised(string kind)
    {
        if (!Kinds.Contains(kind))
        {
            Kinds.Add(kind);
        }
    }

    public string Pick(string en, string zh) => Language.Pick(en, zh);

    /// <summary>The MTU calculation for a tunnel over an underlay, or null when the combination is not in the calculator.</summary>
    public MtuResult? Mtu(string plugin, string mode, int underlay, bool ipv6, string? preset = null)
    {
        try
        {
            return MtuCalculator.Calculate(new MtuRequest(plugin, mode, underlay, ipv6, Path: preset), Language);
        }
        catch (MtuInputException)
        {
            return null;
        }
    }

    /// <summary>A finding whose fix is an MTU change: the calculator's working and steps, and their sources.</summary>
    public void AddMtuFinding(Severity severity, string title, IEnumerable<string> evidence, IEnumerable<string> working, MtuResult result)
    {
        Findings.Add(new Finding(
            severity,
            title,
            [.. evidence],
            [.. working, .. result.Details.Working],
            result.Details.Steps,
            result.Details.Steps.SelectMany(s => s.Sources).Distinct(StringComparer.Ordinal).ToArray()));
    }
}
