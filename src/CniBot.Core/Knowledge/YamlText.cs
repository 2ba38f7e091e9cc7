using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CniBot.Knowledge;

/// <summary>Shared YAML loading for knowledge files: one root node, errors mapped to file lines.</summary>
internal static partial class YamlText
{
    /// <returns>The root node, or null (with a diagnostic) when the YAML is empty or malformed.</returns>
    public static YamlNode? LoadRoot(string yaml, int firstLine, string path, ICollection<KnowledgeDiagnostic> diagnostics, string what)
    {
        var stream = new YamlStream();
        var parser = new Parser(new StringReader(yaml));
        try
        {
            stream.Load(parser);
        }
        catch (YamlException e)
        {
            diagnostics.Add(new(path, firstLine + ErrorLine(yaml, (int)e.Start.Line) - 1, $"invalid YAML in {what}: {Describe(e)}"));
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet throws this, without a position, when the text ends inside an unclosed flow collection;
            // the parser's last event is where it was still reading.
            var line = parser.Current is { } last ? (int)last.Start.Line : 1;
            diagnostics.Add(new(path, firstLine + ErrorLine(yaml, line) - 1, $"invalid YAML in {what}: the text ends inside an unclosed [ ], {{ }} or quote"));
            return null;
        }

        if (stream.Documents.Count == 0)
        {
            diagnostics.Add(new(path, firstLine, $"{what} is empty"));
            return null;
        }

        return stream.Documents[0].RootNode;
    }

    /// <summary>
    /// An error found at the end of the input (an unclosed bracket) is reported by YamlDotNet on the line after the
    /// text; the line the user must fix is the last one with content.
    /// </summary>
    private static int ErrorLine(string yaml, int reported)
    {
        var lastContentLine = yaml.TrimEnd().Split('\n').Length;
        return Math.Clamp(reported, 1, Math.Max(1, lastContentLine));
    }

    /// <summary>The 1-based file line of a node, given the file line on which the YAML text starts.</summary>
    public static int LineOf(YamlNode node, int firstLine) => firstLine + Math.Max(0, (int)node.Start.Line - 1);

    /// <summary>YamlDotNet prefixes messages with "(Line: 2, Col: 5, Idx: 9) - (...): "; the caller already says where.</summary>
    private static string Describe(YamlException e)
    {
        var message = LocationPrefix().Replace(e.Message, string.Empty).Trim();
        if (e.InnerException is YamlException inner && !string.IsNullOrWhiteSpace(inner.Message))
        {
            message = LocationPrefix().Replace(inner.Message, string.Empty).Trim();
        }

        return message.Length == 0 ? "malformed YAML" : message;
    }

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\):\s*")]
    private static partial Regex LocationPrefix();
}
