using System.Globalization;
using System.Text.RegularExpressions;

namespace CniBot.Inspection;

/// <summary>One interface of <c>ip link</c>, <c>ip -d link</c> or <c>ip addr</c> output.</summary>
/// <param name="Kind">The link kind <c>ip -d</c> prints on a detail line (vxlan, ipip, geneve, wireguard, veth, ...).</param>
/// <param name="Device">The underlay device a VXLAN or Geneve link names (<c>dev ens4</c>).</param>
internal sealed record Link(string Name, int Mtu, bool Up, string? Kind, string? Device, string Line);

/// <summary>Reads interfaces from <c>ip link</c> / <c>ip -d link show</c> / <c>ip addr</c> output.</summary>
internal static partial class IpLinkOutput
{
    private static readonly HashSet<string> Kinds = new(StringComparer.Ordinal) { "vxlan", "ipip", "geneve", "wireguard", "veth", "bridge", "dummy", "ip6tnl", "gre", "ipvlan", "macvlan", "vlan", "bond" };

    public static List<Link> Parse(IReadOnlyList<string> lines)
    {
        var links = new List<Link>();
        foreach (var line in lines)
        {
            if (Header().Match(line) is { Success: true } header)
            {
                var flags = header.Groups["flags"].Value.Split(',');
                links.Add(new Link(header.Groups["name"].Value, int.Parse(header.Groups["mtu"].Value, CultureInfo.InvariantCulture), flags.Contains("UP"), null, null, line.Trim()));
                continue;
            }

            // A detail line of `ip -d link`: "    vxlan id 4096 local 10.128.0.5 dev ens4 srcport 0 0 dstport 4789 ..."
            if (links.Count > 0 && links[^1].Kind is null && line.Length > 0 && char.IsWhiteSpace(line[0]))
            {
                var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (words.Length > 0 && Kinds.Contains(words[0]))
                {
                    var device = Array.IndexOf(words, "dev") is var at and >= 0 && at + 1 < words.Length ? words[at + 1] : null;
                    links[^1] = links[^1] with { Kind = words[0], Device = device };
                }
            }
        }

        return links;
    }

    /// <summary>Whether the name is a host's own network card (eth0, ens4, enp0s3, eno1, bond0, eth0.100).</summary>
    public static bool IsPhysical(string name) => Physical().IsMatch(name);

    // "7: tunl0@NONE: <NOARP,UP,LOWER_UP> mtu 1440 qdisc noqueue state UNKNOWN", "2: ens4: <BROADCAST,...> mtu 1460 ..."
    [GeneratedRegex(@"^\s{0,8}\d{1,6}:\s+(?<name>[^\s:@]{1,64})(?:@[^\s:]{1,64})?:\s+<(?<flags>[A-Z0-9_,-]{0,200})>\s+mtu\s+(?<mtu>\d{3,5})\b", RegexOptions.CultureInvariant)]
    private static partial Regex Header();

    [GeneratedRegex(@"^(?:eth|ens|enp|eno|em|bond)\d[\w.]{0,20}$", RegexOptions.CultureInvariant)]
    private static partial Regex Physical();
}
