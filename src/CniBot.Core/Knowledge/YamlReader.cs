using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace CniBot.Knowledge;

/// <summary>
/// The one way knowledge files' YAML is read (front matter, diagnose flows, the plugin matrix and rules): typed
/// values from mapping nodes, and every problem reported with the file's path and line. Methods named for a value
/// that must be there report it when it is not; the others return null or empty and let the caller decide.
/// </summary>
/// <param name="firstLine">The 1-based file line on which the YAML text starts (front matter starts below its fence).</param>
internal sealed class YamlReader(string path, int firstLine, ICollection<KnowledgeDiagnostic> problems)
{
    public string Path => path;

    /// <summary>The file line of <paramref name="node"/>.</summary>
    public int Line(YamlNode node) => YamlText.LineOf(node, firstLine);

    public void Problem(int line, string message) => problems.Add(new(path, line, message));

    public void Problem(YamlNode node, string message) => Problem(Line(node), message);

    public static YamlNode? Child(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;

    /// <summary>A non-empty text, trimmed; null when absent, empty or not a text.</summary>
    public static string? Text(YamlMappingNode map, string key) => Scalar(Child(map, key));

    /// <summary>A non-empty text that must be there: reported at the mapping's line when it is not.</summary>
    public string? RequiredText(YamlMappingNode map, string key)
    {
        if (Text(map, key) is { } text)
        {
            return text;
        }

        Missing(map, key, "a non-empty text");
        return null;
    }

    public void Missing(YamlMappingNode map, string key, string what) => Problem(map, $"'{key}' is missing: it must be {what}");

    /// <summary>A key's value that must be a non-empty text (front matter): reported at the key's line.</summary>
    public string? ScalarValue(YamlNode value, string key, int line)
    {
        if (Scalar(value) is { } text)
        {
            return text;
        }

        Problem(line, $"'{key}' must be a non-empty text value");
        return null;
    }

    /// <summary>A whole number, or null when absent; reported when present and not a whole number.</summary>
    public int? Integer(YamlMappingNode map, string key)
    {
        if (Child(map, key) is not { } node)
        {
            return null;
        }

        if (node is YamlScalarNode scalar && int.TryParse(scalar.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        Problem(node, $"'{key}' must be a whole number");
        return null;
    }

    /// <summary>The texts of a list of scalars (empty when absent or not a list; an item that is no text reads as empty).</summary>
    public static List<string> Strings(YamlMappingNode map, string key) =>
        Child(map, key) is YamlSequenceNode list ? [.. list.Children.OfType<YamlScalarNode>().Select(n => n.Value ?? string.Empty)] : [];

    /// <summary>
    /// A key's value that must be a list of non-empty texts (front matter), added to <paramref name="target"/>; an
    /// empty value is an empty list. Each wrong item is reported at its own line.
    /// </summary>
    public void TextList(YamlNode value, string key, int line, List<string> target)
    {
        switch (value)
        {
            case YamlSequenceNode sequence:
                foreach (var item in sequence.Children)
                {
                    if (Scalar(item) is { } text)
                    {
                        target.Add(text);
                    }
                    else
                    {
                        Problem(item, $"every item of '{key}' must be a non-empty text value");
                    }
                }

                break;
            case YamlScalarNode { Value: null or "" }:
                break; // "tags:" with nothing after it: an empty list.
            default:
                Problem(line, $"'{key}' must be a list, for example {key}: [a, b]");
                break;
        }
    }

    /// <summary>The items of a list that must be there: reported at the mapping's line when it is not a list.</summary>
    public IEnumerable<YamlNode> Items(YamlMappingNode map, string key)
    {
        if (Child(map, key) is YamlSequenceNode list)
        {
            return list.Children;
        }

        Problem(map, $"'{key}' must be a list");
        return [];
    }

    /// <summary>A key whose value holds an <c>en</c> and a <c>zh</c> text: <c>title: { en: ..., zh: ... }</c>.</summary>
    public LocalText? Local(YamlMappingNode map, string key)
    {
        if (Child(map, key) is YamlMappingNode texts && Bilingual(texts) is { } text)
        {
            return text;
        }

        Problem(Child(map, key) ?? map, $"'{key}' must have both an 'en' and a 'zh' text");
        return null;
    }

    /// <summary>A mapping that itself holds an <c>en</c> and a <c>zh</c> text (a matrix cell, a rule).</summary>
    public LocalText? LocalOf(YamlMappingNode map)
    {
        if (Bilingual(map) is { } text)
        {
            return text;
        }

        Problem(map, "needs both an 'en' and a 'zh' text");
        return null;
    }

    /// <summary>Reports every key of <paramref name="map"/> not among <paramref name="keys"/>.</summary>
    public void AllowOnly(YamlMappingNode map, params string[] keys)
    {
        foreach (var key in map.Children.Keys.OfType<YamlScalarNode>().Where(k => !keys.Contains(k.Value)))
        {
            Problem(key, $"unknown key '{key.Value}' (allowed: {string.Join(", ", keys)})");
        }
    }

    private static LocalText? Bilingual(YamlMappingNode map) =>
        Text(map, "en") is { } en && Text(map, "zh") is { } zh ? new LocalText(en, zh) : null;

    private static string? Scalar(YamlNode? node) =>
        node is YamlScalarNode { Value: { } value } && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}
