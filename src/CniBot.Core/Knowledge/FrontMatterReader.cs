using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CniBot.Knowledge;

/// <summary>
/// Reads front matter through YamlDotNet's representation model rather than a deserializer, so that every
/// problem can name the exact line of the offending key and every message can say what was expected.
/// </summary>
internal static partial class FrontMatterReader
{
    private static readonly string[] AllowedKeys = ["id", "title", "lang", "tags", "plugins", "clouds", "sources", "updated", "applies_to", "messages"];

    /// <summary>A known message shorter than this would match questions that merely share a few words with it.</summary>
    internal const int MinMessageLength = 12;

    /// <param name="yaml">The text between the two <c>---</c> fences.</param>
    /// <param name="firstLine">The 1-based file line on which <paramref name="yaml"/> starts.</param>
    /// <returns>The front matter, or null when it cannot be read at all.</returns>
    public static FrontMatter? Read(string yaml, int firstLine, string path, ICollection<KnowledgeDiagnostic> diagnostics)
    {
        var root = YamlText.LoadRoot(yaml, firstLine, path, diagnostics, "front matter");
        if (root is null)
        {
            return null;
        }

        if (root is not YamlMappingNode mapping)
        {
            diagnostics.Add(new(path, YamlText.LineOf(root, firstLine), "front matter must be a mapping of keys (id:, lang:, ...)"));
            return null;
        }

        var reader = new YamlReader(path, firstLine, diagnostics);
        var result = new FrontMatter();
        foreach (var (keyNode, value) in mapping.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? string.Empty;
            var line = YamlText.LineOf(keyNode, firstLine);
            switch (key)
            {
                case "id":
                    result.Id = reader.ScalarValue(value, key, line);
                    result.IdLine = line;
                    if (result.Id is not null && !IdPattern().IsMatch(result.Id))
                    {
                        diagnostics.Add(new(path, line, $"id '{result.Id}' must be lowercase letters, digits and '-' (for example 'calico-mtu')"));
                        result.Id = null;
                    }

                    break;
                case "title":
                    result.Title = reader.ScalarValue(value, key, line);
                    break;
                case "lang":
                    var code = reader.ScalarValue(value, key, line);
                    result.LanguageLine = line;
                    if (LanguageExtensions.TryParse(code, out var language))
                    {
                        result.Language = language;
                    }
                    else if (code is not null)
                    {
                        diagnostics.Add(new(path, line, $"lang '{code}' is not supported: use 'en' or 'zh'"));
                    }

                    break;
                case "tags":
                    reader.TextList(value, key, line, result.Tags);
                    break;
                case "plugins":
                    reader.TextList(value, key, line, result.Plugins);
                    break;
                case "clouds":
                    reader.TextList(value, key, line, result.Clouds);
                    break;
                case "sources":
                    reader.TextList(value, key, line, result.Sources);
                    foreach (var source in result.Sources)
                    {
                        if (!Uri.TryCreate(source, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
                        {
                            diagnostics.Add(new(path, line, $"source '{source}' is not an http(s) URL"));
                        }
                    }

                    break;
                case "updated":
                    var text = reader.ScalarValue(value, key, line);
                    if (text is not null)
                    {
                        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                        {
                            result.Updated = date;
                        }
                        else
                        {
                            diagnostics.Add(new(path, line, $"updated '{text}' is not a date in the form YYYY-MM-DD"));
                        }
                    }

                    break;
                case "applies_to":
                    reader.TextList(value, key, line, result.AppliesTo);
                    break;
                case "messages":
                    ReadMessages(reader, value, line, result.Messages);
                    break;
                default:
                    diagnostics.Add(new(path, line, $"unknown front matter key '{key}' (allowed: {string.Join(", ", AllowedKeys)})"));
                    break;
            }
        }

        return result;
    }

    /// <summary><c>messages:</c> maps a section's anchor to the log or error messages that section explains.</summary>
    private static void ReadMessages(YamlReader reader, YamlNode value, int line, Dictionary<string, (List<string>, int)> target)
    {
        if (value is not YamlMappingNode mapping)
        {
            reader.Problem(line, "'messages' must map a section's anchor to its messages, for example messages: {my-section: [\"nf_conntrack: table full\"]}");
            return;
        }

        foreach (var (anchorNode, list) in mapping.Children)
        {
            var anchorLine = reader.Line(anchorNode);
            var anchor = (anchorNode as YamlScalarNode)?.Value?.Trim() ?? string.Empty;
            var messages = new List<string>();
            reader.TextList(list, "messages", anchorLine, messages);
            foreach (var message in messages.Where(m => m.Length < MinMessageLength))
            {
                reader.Problem(anchorLine, $"known message '{message}' is too short: at least {MinMessageLength} characters, or it would match unrelated questions");
            }

            target[anchor] = (messages.Where(m => m.Length >= MinMessageLength).ToList(), anchorLine);
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
    private static partial Regex IdPattern();
}
