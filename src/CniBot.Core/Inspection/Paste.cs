using System.Text.RegularExpressions;

namespace CniBot.Inspection;

/// <summary>
/// Pasted output cut into lines (bounded: a paste of any size costs at most <see cref="MaxLines"/> lines of
/// <see cref="MaxLineLength"/> characters), with what the asker said around it: the language to answer in, and the
/// cloud, plugin and mode the context line names ("GCP, Calico VXLAN", "阿里云上跨节点不通").
/// </summary>
public sealed partial class Paste
{
    internal const int MaxLines = 5000;
    internal const int MaxLineLength = 2000;

    private Paste(IReadOnlyList<string> lines, string context, Language language)
    {
        Lines = lines;
        Context = context;
        Language = language;
        Cloud = Match(CloudWords(), context) switch
        {
            null => null,
            var w when w.Contains("gcp", StringComparison.Ordinal) || w.Contains("gce", StringComparison.Ordinal) || w.Contains("gke", StringComparison.Ordinal) || w.Contains("google", StringComparison.Ordinal) || w.Contains("谷歌", StringComparison.Ordinal) => "gcp",
            var w when w.Contains("azure", StringComparison.Ordinal) || w.Contains("aks", StringComparison.Ordinal) || w.Contains("微软", StringComparison.Ordinal) => "azure",
            var w when w.Contains("ali", StringComparison.Ordinal) || w.Contains("阿里", StringComparison.Ordinal) => "alibaba",
            _ => "aws",
        };
        Plugin = Match(PluginWords(), context);
        Mode = Match(ModeWords(), context)?.Replace("ip-in-ip", "ipip", StringComparison.Ordinal);
    }

    public IReadOnlyList<string> Lines { get; }

    /// <summary>The asker's words around the output (the CLI's <c>--context</c>, or prose lines before it).</summary>
    public string Context { get; }

    public Language Language { get; }

    /// <summary><c>gcp</c>, <c>azure</c>, <c>alibaba</c> or <c>aws</c> when the context names the cloud.</summary>
    public string? Cloud { get; }

    /// <summary><c>calico</c>, <c>flannel</c>, <c>cilium</c> or <c>antrea</c> when the context names it.</summary>
    public string? Plugin { get; }

    /// <summary><c>vxlan</c>, <c>ipip</c>, <c>geneve</c> or <c>wireguard</c> when the context names it.</summary>
    public string? Mode { get; }

    /// <param name="language">The language asked for (the CLI's <c>--lang</c>); otherwise the context's, English by default.</param>
    public static Paste Of(string output, string? context = null, Language? language = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        var lines = new List<string>();
        foreach (var raw in output.Split('\n'))
        {
            if (lines.Count == MaxLines)
            {
                break;
            }

            var line = raw.TrimEnd('\r');
            lines.Add(UserText.Bound(line, MaxLineLength));
        }

        var said = context ?? string.Empty;
        said = UserText.Bound(said, MaxLineLength);
        return new Paste(lines, said, language ?? (said.Any(CharClasses.IsHan) ? Language.Zh : Language.En));
    }

    private static string? Match(Regex regex, string text) => regex.Match(text) is { Success: true } m ? m.Value.ToLowerInvariant() : null;

    [GeneratedRegex(@"\b(?:gcp|gce|gke|google)\b|谷歌|\b(?:azure|aks)\b|微软|\b(?:alibaba|aliyun)\b|阿里|\b(?:aws|eks|ec2|amazon)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CloudWords();

    [GeneratedRegex(@"calico|flannel|cilium|antrea", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PluginWords();

    [GeneratedRegex(@"vxlan|ip-in-ip|ipip|geneve|wireguard", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ModeWords();
}
