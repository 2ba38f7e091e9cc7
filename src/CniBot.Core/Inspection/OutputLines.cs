using System.Text.RegularExpressions;

namespace CniBot.Inspection;

/// <summary>
/// Tells pasted command output from the words around it in a chat message: which lines look like what a terminal
/// printed, whether a message is mostly such lines, and which lines are the asker's own (the context). Output lines
/// may carry secrets (a token in a URL, an Authorization header): <see cref="Redact"/> hides them before a line is
/// quoted back.
/// </summary>
public static partial class OutputLines
{
    /// <summary>A message is inspected rather than searched when at least this share of its lines is output.</summary>
    internal const double MostlyOutputShare = 0.5;

    public static bool IsOutput(string line) => line.Length > 0 && Output().IsMatch(line);

    /// <summary>Two or more lines, at least half of them output (fenced code counts as output).</summary>
    public static bool MostlyOutput(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var (output, prose) = (0, 0);
        foreach (var (line, fenced) in Lines(text))
        {
            if (fenced || IsOutput(line))
            {
                output++;
            }
            else
            {
                prose++;
            }
        }

        return output >= 2 && output >= MostlyOutputShare * (output + prose);
    }

    /// <summary>The lines of a message that are not output, outside code fences: what the asker said around it.</summary>
    public static string Context(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return string.Join(' ', Lines(text).Where(l => !l.Fenced && !IsOutput(l.Line)).Select(l => l.Line.Trim()));
    }

    /// <summary>The non-blank lines of a message, each with whether it sits inside a code fence (the fence lines left out).</summary>
    private static IEnumerable<(string Line, bool Fenced)> Lines(string text)
    {
        var fenced = false;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                fenced = !fenced;
            }
            else if (line.Trim().Length > 0)
            {
                yield return (line, fenced);
            }
        }
    }

    /// <summary>The line with credentials replaced by <c>***</c>: Authorization headers, tokens and passwords in URLs or key=value pairs.</summary>
    public static string Redact(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        line = AuthorizationHeader().Replace(line, "${name}***");
        line = UrlCredentials().Replace(line, "${scheme}***@");
        return SecretValue().Replace(line, "${key}***");
    }

    // ip link headers and detail lines, table rows, ping/tracepath, subnet.env, sysctl, conntrack -S, dmesg, klog and
    // timestamped logs, kubectl event rows, shell prompts, ip route, `cilium status` fields, and column output (three
    // or more cells apart by two spaces: kubectl get), indented YAML keys (kubectl get -o yaml).
    [GeneratedRegex(@"^\s{0,8}\d{1,6}:\s+[^\s:]{1,64}(?:@[^\s:]{1,64})?:\s+<|^\s{2,}(?:link/|inet6? |vxlan |ipip |geneve |wireguard|veth|bridge |altname )|^\s*[|+][-=|+ ]|^\s*\|.{1,400}\|\s*$|^Calico process is|^IPv[46] BGP status|^No IPv[46] peers|^PING |bytes from |icmp_seq=|^ping: |packets transmitted|^rtt min|^\s{0,8}\d{1,3}\??:\s+(?:\[LOCALHOST\]|[\d.:a-f]{3,})|^\s*Resume: pmtu|^\s*FLANNEL_[A-Z]+=|^\s*net\.[a-z0-9_.]+\s{0,4}=|^cpu=\d|^\[\s{0,8}\d{1,9}\.\d{1,9}\]|^[IWEF]\d{4} \d\d:\d\d|^\d{4}-\d\d-\d\d[ T]\d\d:\d\d|^\s*(?:Warning|Normal)\s{1,8}[A-Z][A-Za-z]+\s|^\s*(?:\$|#|\[[^\]]{1,60}\][#$])\s+\S|^\s{0,4}(?:blackhole |unreachable )?(?:default|\d{1,3}(?:\.\d{1,3}){3}(?:/\d{1,2})?)\s+(?:via|dev|proto)\s|^[A-Z][A-Za-z0-9 ]{1,40}:\s{2,}\S|^\S{1,120}\s{2,}\S{1,120}\s{2,}\S|^\s{2,}[\w.-]{1,120}(?:/[\w.-]{1,120})?:\s{0,4}\S", RegexOptions.CultureInvariant)]
    private static partial Regex Output();

    [GeneratedRegex(@"(?<name>\bAuthorization:\s{0,4}(?:Bearer|Basic|Token)?\s{0,4})\S{1,4096}", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AuthorizationHeader();

    [GeneratedRegex(@"(?<scheme>\b[a-z][a-z0-9+.-]{0,20}://)[^\s/@:]{1,256}:[^\s/@]{1,256}@", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UrlCredentials();

    [GeneratedRegex(@"(?<key>\b(?:token|access_token|password|passwd|secret|api_?key|access_?key|access_secret)\s{0,2}[=:]\s{0,2})[^\s&,;""']{1,4096}", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretValue();
}
